/**
 * OpenPayPro's optional stronger request signature (docs/OPERATIONS.md, "Stronger request signature"): HMAC-SHA256
 * keyed with the merchant key over `<t> LF <METHOD> LF <path> LF <exact body bytes>`, sent as
 * `X-OpenPayPro-Signature: t=<t>,v1=<64 lower-case hex>`. Unlike the MD5 `sign` it covers the endpoint and the exact
 * bytes. A merchant that opted in (`"signatureScheme":"HMAC_SHA256"`) must send it on every request.
 *
 * Pure functions; safe to call from anywhere.
 */
import { createHmac } from "node:crypto";
import type { OutgoingRequest, RequestSignatureHook } from "./client.js";

export const HMAC_SIGNATURE_HEADER = "X-OpenPayPro-Signature";

/** The exact bytes that are signed. */
export function hmacStringToSign(timestamp: string, method: string, path: string, body: Uint8Array): Buffer {
    return Buffer.concat([Buffer.from(`${timestamp}\n${method.toUpperCase()}\n${path}\n`, "utf8"), body]);
}

/** The header value, e.g. `t=1764620000000,v1=428a6b...`. */
export function hmacSignatureHeader(secretKey: string, timestamp: string, method: string, path: string,
                                    body: Uint8Array): string {
    if (!/^(\d{10}|\d{13})$/.test(timestamp)) {
        throw new TypeError(`timestamp must be 10 or 13 digits but was '${timestamp}'`);
    }
    const mac = createHmac("sha256", Buffer.from(secretKey, "utf8"))
        .update(hmacStringToSign(timestamp, method, path, body)).digest("hex");
    return `t=${timestamp},v1=${mac}`;
}

/**
 * A {@link RequestSignatureHook} that adds the header to every request of a client:
 * `new PayProClient({ ..., signatureHeaders: hmacSignature(secretKey) })`. The header's time is the body's
 * `timestamp` (the client always sends one), so both checks see the same instant.
 */
export function hmacSignature(secretKey: string): RequestSignatureHook {
    if (typeof secretKey !== "string" || secretKey === "") {
        throw new TypeError("secretKey is required");
    }
    return (request: OutgoingRequest) => {
        const fromBody = request.fields["timestamp"];
        const timestamp = typeof fromBody === "string" && /^\d{13}$/.test(fromBody) ? fromBody : String(Date.now());
        return { [HMAC_SIGNATURE_HEADER]: hmacSignatureHeader(secretKey, timestamp, request.method, request.path,
            request.body) };
    };
}
