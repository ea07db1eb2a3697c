/**
 * The PayPro signature (spec §2.1): every body field except `sign`, sorted by key in code-unit order (Java
 * `String.compareTo`), written `key=value` with no separator, empty values skipped, the merchant secret appended,
 * MD5 over the UTF-8 bytes, 32 lower-case hex characters. Used for requests and to verify callbacks.
 *
 * Values are the text that travels: strings verbatim; numbers, booleans and bigints as their text (the SDK itself
 * always sends strings); `null` as the four letters `null`, like the reference Java code (OP-3).
 *
 * Pure functions; safe to call from anywhere.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** A value of a flat PayPro body as it is signed. */
export type SignedValue = string | number | bigint | boolean | null;

/** How a `null` value enters the canonical string (spec §2.3, OP-3). */
export type NullHandling = "asText" | "omit";

const SIGN_HEX_LENGTH = 32;

/** Java `String.compareTo` order: UTF-16 code units, upper case before lower case. */
function compareCodeUnits(left: string, right: string): number {
    if (left === right) {
        return 0;
    }
    return left < right ? -1 : 1;
}

function valueText(key: string, value: unknown): string {
    if (typeof value === "string") {
        return value;
    }
    if (value === null) {
        return "null";
    }
    if (typeof value === "number") {
        if (!Number.isFinite(value)) {
            throw new TypeError(`field '${key}' is ${value}, which has no JSON form`);
        }
        return String(value);
    }
    if (typeof value === "bigint" || typeof value === "boolean") {
        return String(value);
    }
    throw new TypeError(`field '${key}' is a ${Array.isArray(value) ? "array" : typeof value}; PayPro bodies are flat`);
}

/**
 * The canonical string of spec §2.1, without the secret.
 *
 * @throws TypeError if a value is an object, array, function or a non-finite number
 */
export function canonicalString(params: Readonly<Record<string, unknown>>, nulls: NullHandling = "asText"): string {
    const keys = Object.keys(params).sort(compareCodeUnits);
    let canonical = "";
    for (const key of keys) {
        const value = params[key];
        if (key === "sign" || value === undefined || (value === null && nulls === "omit")) {
            continue;
        }
        const text = valueText(key, value);
        if (text !== "") {
            canonical += key + "=" + text;
        }
    }
    return canonical;
}

/** Lower-case hex MD5 of canonical string + secret: the `sign` of a request or callback. */
export function sign(params: Readonly<Record<string, unknown>>, secretKey: string, nulls: NullHandling = "asText"):
        string {
    if (typeof secretKey !== "string" || secretKey === "") {
        throw new TypeError("secretKey is required to sign");
    }
    return createHash("md5").update(canonicalString(params, nulls) + secretKey, "utf8").digest("hex");
}

/**
 * Constant-time comparison of an expected lower-case hex signature with a received one, ignoring the ASCII case of
 * the received one (spec §2.2). Only the length can leak, and it is public (32).
 */
export function signaturesMatch(expectedLowerHex: string, received: string): boolean {
    if (typeof received !== "string" || received.length !== expectedLowerHex.length) {
        return false;
    }
    const expectedBytes = Buffer.from(expectedLowerHex, "latin1");
    const receivedBytes = Buffer.alloc(received.length);
    for (let index = 0; index < received.length; index++) {
        const unit = received.charCodeAt(index);
        // Non-ASCII must not be folded onto a byte that could equal a hex digit.
        receivedBytes[index] = unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit < 0x80 ? unit : 0x80;
    }
    return timingSafeEqual(expectedBytes, receivedBytes);
}

/**
 * Checks a received `sign` the way the gateway does (spec §2.2, OP-3): reference semantics first; if that fails and
 * a value is `null`, once more with the null entries left out. Several secrets may be given (a key rotation with
 * overlap, DESIGN §14): any of them may match.
 */
export function verifySignature(params: Readonly<Record<string, unknown>>, secretKeys: string | readonly string[],
        receivedSign: string | null | undefined): boolean {
    if (typeof receivedSign !== "string" || receivedSign.length !== SIGN_HEX_LENGTH) {
        return false;
    }
    const hasNull = Object.entries(params).some(([key, value]) => key !== "sign" && value === null);
    let matched = false;
    for (const secret of typeof secretKeys === "string" ? [secretKeys] : secretKeys) {
        // No early exit: every candidate is computed so timing does not tell which key matched.
        matched = signaturesMatch(sign(params, secret, "asText"), receivedSign) || matched;
        if (hasNull) {
            matched = signaturesMatch(sign(params, secret, "omit"), receivedSign) || matched;
        }
    }
    return matched;
}
