#!/usr/bin/env python3
"""Regenerates docs/ERRORS.md from the two error catalogues in server/.../error/:
Rejection.java (merchant API) and AdminError.java (operator and sandbox API).

ErrorCatalogueTest fails when the page and the enums disagree; run this after changing an entry:
    python3 scripts/errors-doc.py
"""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
errors = root / "server/src/main/java/org/openpaypro/error"
STRING = r'"(?:[^"\\]|\\.)*"'


def text(literals):
    """The Java string literals of one template, concatenated and unescaped (\\" and \\\\ only)."""
    joined = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', literals))
    return re.sub(r'\\(.)', r'\1', joined)


merchant = re.findall(r'\n    ([A-Z0-9_]+)\(Codes\.(\w+), ((?:' + STRING + r'\s*\+?\s*)+),\s*(true|false)\)',
                      (errors / "Rejection.java").read_text())
admin = re.findall(r'\n    ([A-Z0-9_]+)\(([0-9]{3}), ((?:' + STRING + r'\s*\+?\s*)+)\)',
                   (errors / "AdminError.java").read_text())
codes = {"REJECTED": "8000", "SYSTEM_ERROR": "5000"}
out = [
    "# Errors",
    "",
    "Generated from `server/src/main/java/org/openpaypro/error/Rejection.java` and `AdminError.java` by",
    "`scripts/errors-doc.py`; a test keeps the page and the catalogues equal, and another one sends, for every",
    "entry, a real request that gets exactly that answer.",
    "",
    "## Merchant API",
    "",
    "Every refused merchant request is answered with HTTP 200 (413 for an oversized body) and the envelope",
    '`{"msg": <message>, "code": <code>, "timestamp": <ms>, "success": false, "data": null}`.',
    "`8000` means the request was refused deterministically and **nothing was created or changed**; `5000` means the",
    "gateway cannot tell whether the order was created: query it before retrying (spec §5.1, OP-9).",
    "`%s` in a message is filled per request: a field's name (always the first `%s` of an `invalid %s: ...`",
    "message), a value, a limit, a country. A rule chosen by another field's value ends with `for <field> <value>`",
    "(`invalid bankNumber: must be 11 digits for bankType CPF`).",
    "Retryable: `yes` when sending the same request again later can succeed.",
    "",
    "| reason | code | msg | retryable |",
    "|---|---|---|---|",
]
for name, code, template, retry in merchant:
    out.append(f"| `{name}` | `{codes[code]}` | `{text(template)}` | {'yes' if retry == 'true' else 'no'} |")
out += [
    "",
    "## Operator and sandbox API",
    "",
    "Every refused call to `/admin/...` or `/sandbox/...` (and to the API reference under `/docs`) is answered with",
    'the status below and `{"error": <message>}`; nothing was written (DESIGN §9, §14). `%s` is filled per request',
    "as above. Outside this catalogue: `404`/`405` `no such endpoint: <method> <path>` for a path no route serves,",
    "`400` `bad request: ...` for a request the HTTP server refuses before any route (a `%00` in the path), and the",
    "`5xx` answers of a failure (`503` when the database is unavailable, with `Retry-After`).",
    "",
    "| reason | status | error |",
    "|---|---|---|",
]
for name, status, template in admin:
    out.append(f"| `{name}` | `{status}` | `{text(template).replace('%%', '%')}` |")
(root / "docs/ERRORS.md").write_text("\n".join(out) + "\n")
print(f"{len(merchant)} rejections and {len(admin)} operator errors written to docs/ERRORS.md")
