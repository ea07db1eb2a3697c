import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HMAC_SIGNATURE_HEADER, hmacSignature, hmacSignatureHeader } from "../src/index.js";

const SECRET = "0123456789abcdef0123456789abcdef";
const BODY = Buffer.from('{"timestamp":"1764620000000"}', "utf8");

describe("HMAC-SHA256 request signature", () => {
    it("matches a vector computed independently with openssl dgst -sha256 -hmac", () => {
        // printf '1764620000000\nPOST\n/v1/paypro/queryBalance\n{"timestamp":"1764620000000"}' \
        //   | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
        assert.equal(hmacSignatureHeader(SECRET, "1764620000000", "post", "/v1/paypro/queryBalance", BODY),
            "t=1764620000000,v1=428a6bfff2ee42cadafade96d7fe96be2d3d32bdd971e34be4c4913fe57fbddd");
    });

    it("changes with the path, the body, the time and the key", () => {
        const base = hmacSignatureHeader(SECRET, "1764620000000", "POST", "/v1/paypro/queryBalance", BODY);
        assert.notEqual(hmacSignatureHeader(SECRET, "1764620000000", "POST", "/v1/paypro/payin", BODY), base);
        assert.notEqual(hmacSignatureHeader(SECRET, "1764620000000", "POST", "/v1/paypro/queryBalance",
            Buffer.from('{"timestamp":"1764620000001"}')), base);
        assert.notEqual(hmacSignatureHeader(SECRET, "1764620000001", "POST", "/v1/paypro/queryBalance", BODY), base);
        assert.notEqual(hmacSignatureHeader(SECRET.replace("0", "1"), "1764620000000", "POST",
            "/v1/paypro/queryBalance", BODY), base);
    });

    it("the hook signs with the body's timestamp and refuses a bad time or key", async () => {
        const headers = await hmacSignature(SECRET)({ method: "POST", url: "http://127.0.0.1/v1/paypro/queryBalance",
            path: "/v1/paypro/queryBalance", body: BODY, fields: { timestamp: "1764620000000" }, merchantNo: "1" });
        assert.equal(headers[HMAC_SIGNATURE_HEADER],
            "t=1764620000000,v1=428a6bfff2ee42cadafade96d7fe96be2d3d32bdd971e34be4c4913fe57fbddd");
        assert.throws(() => hmacSignatureHeader(SECRET, "17646", "POST", "/p", BODY), TypeError);
        assert.throws(() => hmacSignature(""), TypeError);
    });
});
