#!/usr/bin/env python3
"""Signs a PayPro request body (spec §2.1) for curl experiments.

    scripts/sign.py SECRET '{"tradeNo":"T1","amount":"150.00",...}'

prints the body with a fresh "timestamp" (unless given) and its "sign". The canonical string is every field except
sign, sorted by key (plain code-unit order), written key=value without separators, empty values skipped, the secret
appended; the sign is the lowercase hex MD5 of its UTF-8 bytes.
"""
import hashlib
import json
import sys
import time

secret, body = sys.argv[1], json.loads(sys.argv[2])
body.setdefault("timestamp", str(int(time.time() * 1000)))
body.pop("sign", None)
canonical = "".join(f"{k}={v}" for k, v in sorted(body.items(), key=lambda kv: kv[0].encode("utf-16-be"))
                    if str(v) != "")
body["sign"] = hashlib.md5((canonical + secret).encode("utf-8")).hexdigest()
print(json.dumps(body, ensure_ascii=False, separators=(",", ":")))
