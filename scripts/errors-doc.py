#!/usr/bin/env python3
"""Regenerates docs/ERRORS.md from the error catalogue (server/.../error/Rejection.java).

RejectionCatalogueTest fails when the two disagree; run this after changing a rejection:
    python3 scripts/errors-doc.py
"""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
src = (root / "server/src/main/java/org/openpaypro/error/Rejection.java").read_text()
rows = re.findall(r'\n    ([A-Z0-9_]+)\(Codes\.(\w+), ((?:"[^"]*"\s*\+?\s*)+),\s*(true|false)\)', src)
codes = {"REJECTED": "8000", "SYSTEM_ERROR": "5000"}
out = [
    "# Merchant API errors",
    "",
    "Every refused merchant request is answered with HTTP 200 (413 for an oversized body) and the envelope",
    '`{"msg": <message>, "code": <code>, "timestamp": <ms>, "success": false, "data": null}`.',
    "`8000` means the request was refused deterministically and **nothing was created or changed**; `5000` means the",
    "gateway cannot tell whether the order was created: query it before retrying (spec §5.1, OP-9).",
    "`%s` in a message is filled per request (a field name, a limit, a country).",
    "Retryable: `yes` when sending the same request again later can succeed.",
    "",
    "Generated from `server/src/main/java/org/openpaypro/error/Rejection.java` by `scripts/errors-doc.py`;",
    "a test keeps the two equal.",
    "",
    "| reason | code | msg | retryable |",
    "|---|---|---|---|",
]
for name, code, template, retry in rows:
    text = "".join(re.findall(r'"([^"]*)"', template)).replace("\\\\", "\\")
    out.append(f"| `{name}` | `{codes[code]}` | `{text}` | {'yes' if retry == 'true' else 'no'} |")
(root / "docs/ERRORS.md").write_text("\n".join(out) + "\n")
print(f"{len(rows)} rejections written to docs/ERRORS.md")
