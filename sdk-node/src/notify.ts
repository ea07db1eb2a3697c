/**
 * Result callbacks (spec §4): the gateway POSTs a flat JSON body to the order's `notifyUrl` when a pay-in or payout
 * reaches a final state, and retries until the merchant answers the plain text `OK`. Delivery is at least once, so
 * act idempotently on `tradeNo`.
 *
 * {@link NotifyVerifier} checks the `sign` over the **raw body** (every field except `sign`, unknown ones included,
 * numbers by their literal text), constant-time, case-insensitive, with the OP-3 null fallback. Kenya sends
 * unsigned callbacks (no `sign`, no `timestamp`, `amount` a number with 4 decimals):
 * {@link NotifyVerifier.parseUnsigned} reads them, and the merchant must confirm the result with a query before
 * acting on it.
 *
 * {@link notifyHandler} is an Express-style `(req, res)` handler (also plain `node:http`) that reads the raw body,
 * verifies it, calls the merchant's function and answers `OK`.
 *
 * The verifier is immutable; share one per merchant secret.
 */
import type { CountryCode } from "./countries.js";
import { countryFlavour } from "./countries.js";
import { FlatJsonError, decodeUtf8, parseFlatObject } from "./flatJson.js";
import { type TradeStatus, tradeStatus } from "./results.js";
import { verifySignature } from "./signing.js";

/** The plain-text answer that tells the gateway a callback was processed; anything else makes it retry. */
export const NOTIFY_ACK = "OK";

/** Callbacks are a few hundred bytes; a larger body is refused before parsing. */
export const MAX_NOTIFY_BODY_BYTES = 64 * 1024;

/** A callback that must not be acted on; the message says why. */
export class InvalidNotificationError extends Error {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = "InvalidNotificationError";
    }
}

/** A result callback, the same shape for pay-ins and payouts: route it by `tradeNo`. */
export interface Notification {
    readonly tradeNo: string;
    readonly platFormTradeNo: string | undefined;
    /** The wire status: `0000`, `0001` (partial), or a failure code such as `00029`. */
    readonly status: string;
    readonly message: string | undefined;
    /** The amount as text (Kenya: with 4 decimals; partial payments: what was paid). */
    readonly amount: string | undefined;
    /** Country local time, only on success. */
    readonly successTime: string | undefined;
    readonly timestamp: string | undefined;
    /** `status` read as the spec says: unknown codes are final failures. */
    readonly tradeStatus: TradeStatus;
    /** True if the `sign` was checked; false for Kenya's unsigned callbacks (confirm with a query first). */
    readonly signed: boolean;
    /** Every field except `sign`, as the signed text (JSON `null` stays `null`), extras such as `utr` included. */
    readonly fields: Readonly<Record<string, string | null>>;
}

type Body = Uint8Array | string;

function parse(body: Body): Map<string, string | null> {
    if (body === undefined || body === null) {
        throw new InvalidNotificationError("notification body is missing");
    }
    const size = typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength;
    if (size === 0) {
        throw new InvalidNotificationError("notification body is empty");
    }
    if (size > MAX_NOTIFY_BODY_BYTES) {
        throw new InvalidNotificationError(`notification body has ${size} bytes, more than the limit of `
            + `${MAX_NOTIFY_BODY_BYTES}`);
    }
    try {
        return parseFlatObject(typeof body === "string" ? body : decodeUtf8(body));
    } catch (error) {
        if (error instanceof FlatJsonError) {
            throw new InvalidNotificationError(`notification body is not a flat JSON object: ${error.message}`,
                { cause: error });
        }
        throw error;
    }
}

function toNotification(fields: Map<string, string | null>, signed: boolean): Notification {
    for (const required of ["tradeNo", "status"]) {
        const value = fields.get(required);
        if (value === undefined || value === null || value === "") {
            throw new InvalidNotificationError(`notification has no ${required}; cannot route it`);
        }
    }
    const text = (name: string): string | undefined => fields.get(name) ?? undefined;
    const status = fields.get("status") as string;
    return Object.freeze({
        tradeNo: fields.get("tradeNo") as string,
        platFormTradeNo: text("platFormTradeNo"),
        status,
        message: text("message"),
        amount: text("amount"),
        successTime: text("successTime"),
        timestamp: text("timestamp"),
        tradeStatus: tradeStatus(status),
        signed,
        fields: Object.freeze(Object.fromEntries(fields)),
    });
}

export class NotifyVerifier {
    private readonly secretKeys: readonly string[];

    /**
     * @param secretKeys the merchant key, or several during a key rotation with overlap (any may have signed)
     * @throws TypeError if no non-empty secret is given
     */
    constructor(secretKeys: string | readonly string[]) {
        const keys = typeof secretKeys === "string" ? [secretKeys] : [...(secretKeys ?? [])];
        if (keys.length === 0 || keys.some((key) => typeof key !== "string" || key.trim() === "")) {
            throw new TypeError("secretKey is required (a non-empty string, or a list of them)");
        }
        this.secretKeys = Object.freeze(keys);
        Object.freeze(this);
    }

    /**
     * Parses a callback body exactly as received and checks its `sign`.
     *
     * @param rawBody the bytes (or the text) as received; never a re-serialised object
     * @throws InvalidNotificationError if the body is not a flat JSON object, has no or a wrong `sign`, or lacks
     *         `tradeNo` or `status`
     */
    verify(rawBody: Body): Notification {
        const fields = parse(rawBody);
        const signature = fields.get("sign");
        fields.delete("sign");
        if (signature === undefined || signature === null || signature === "") {
            throw new InvalidNotificationError(`notification has no sign (tradeNo=${fields.get("tradeNo")}); `
                + "refusing it");
        }
        if (!verifySignature(Object.fromEntries(fields), this.secretKeys, signature)) {
            throw new InvalidNotificationError(`notification sign does not match (tradeNo=${fields.get("tradeNo")}, `
                + `signed fields ${[...fields.keys()].sort().join(",")}); wrong secret or altered body`);
        }
        return toNotification(fields, true);
    }

    /**
     * Parses a callback of a country that sends no signature (Kenya). It proves nothing about the sender: confirm
     * the result with a query (or restrict callers by IP) before acting on it. A `sign` field, if any, is dropped.
     */
    parseUnsigned(rawBody: Body): Notification {
        const fields = parse(rawBody);
        fields.delete("sign");
        return toNotification(fields, false);
    }

    /** {@link verify} for countries with signed callbacks, {@link parseUnsigned} for Kenya. */
    verifyFor(country: CountryCode, rawBody: Body): Notification {
        return countryFlavour(country).signedCallbacks ? this.verify(rawBody) : this.parseUnsigned(rawBody);
    }
}

// ---- Express-style handler -------------------------------------------------------------------------------------

/** The request side this handler needs: Express's `req` and `node:http`'s `IncomingMessage` both fit. */
export interface NotifyRequest {
    readonly method?: string;
    /** Express with `express.raw()` / `express.text()` puts the raw body here. */
    readonly body?: unknown;
    on?(event: string, listener: (...args: never[]) => void): unknown;
    readonly readableEnded?: boolean;
    /** Set by body parsers when they consumed the stream. */
    readonly _body?: boolean;
}

/** The response side: Express's `res` and `node:http`'s `ServerResponse` both fit. */
export interface NotifyResponse {
    statusCode: number;
    setHeader(name: string, value: string): unknown;
    end(body?: string): unknown;
    readonly headersSent?: boolean;
}

export interface NotifyHandlerOptions {
    readonly verifier: NotifyVerifier;
    /** The merchant's country: Kenya's callbacks are unsigned and are passed on with `signed: false`. */
    readonly country?: CountryCode;
    /**
     * Processes one callback (idempotently: it may come more than once). When it resolves, the handler answers
     * `OK`; when it throws, HTTP 500 so the gateway retries later.
     */
    readonly onNotification: (notification: Notification) => void | Promise<void>;
    /** Told about refused bodies and failing `onNotification` calls (default: nothing). */
    readonly onError?: (error: unknown) => void;
}

function readStream(request: NotifyRequest): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        if (typeof request.on !== "function" || request.readableEnded === true) {
            reject(new InvalidNotificationError("the request body was already read and is not available raw; mount"
                + " the handler before any JSON body parser, or use express.raw({ type: '*/*' })"));
            return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let failed = false;
        const on = request.on.bind(request) as (event: string, listener: (...args: unknown[]) => void) => unknown;
        on("data", (chunk: unknown) => {
            const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), "utf8");
            size += buffer.byteLength;
            if (size > MAX_NOTIFY_BODY_BYTES) {
                if (!failed) {
                    failed = true;
                    reject(new InvalidNotificationError(`notification body is larger than ${MAX_NOTIFY_BODY_BYTES}`
                        + " bytes"));
                }
                return;
            }
            chunks.push(buffer);
        });
        on("end", () => {
            if (!failed) {
                resolve(Buffer.concat(chunks));
            }
        });
        on("error", (error: unknown) => {
            if (!failed) {
                failed = true;
                reject(error);
            }
        });
    });
}

async function rawBodyOf(request: NotifyRequest): Promise<Uint8Array | string> {
    const body = request.body;
    if (body instanceof Uint8Array || typeof body === "string") {
        return body;
    }
    if (body !== undefined && body !== null && (typeof body !== "object" || Object.keys(body).length > 0
            || request._body === true)) {
        throw new InvalidNotificationError("the request body was already parsed into an object, so its signed text"
            + " is lost; mount the handler before express.json(), or use express.raw({ type: '*/*' }) on this route");
    }
    return readStream(request);
}

function answer(response: NotifyResponse, status: number, text: string): void {
    if (response.headersSent === true) {
        return;
    }
    response.statusCode = status;
    response.setHeader("Content-Type", "text/plain; charset=utf-8");
    response.end(text);
}

/**
 * An Express-style handler for the notify URL: reads the raw body (from `req.body` when it is a Buffer or string,
 * else from the stream), verifies it, awaits `onNotification`, and answers `200 OK` in plain text. A refused body
 * gets 400 and a failing `onNotification` 500, both without `OK`, so the gateway retries on its schedule.
 *
 * ```ts
 * app.post("/paypro/notify", notifyHandler({ verifier, onNotification: async (n) => { ... } }));
 * ```
 */
export function notifyHandler(options: NotifyHandlerOptions): (request: NotifyRequest, response: NotifyResponse)
        => Promise<void> {
    if (!(options?.verifier instanceof NotifyVerifier)) {
        throw new TypeError("options.verifier must be a NotifyVerifier");
    }
    if (typeof options.onNotification !== "function") {
        throw new TypeError("options.onNotification is required");
    }
    const country = options.country;
    const report = options.onError ?? (() => undefined);
    return async (request, response) => {
        if (request.method !== undefined && request.method.toUpperCase() !== "POST") {
            answer(response, 405, "notify callbacks are POST");
            return;
        }
        let notification: Notification;
        try {
            const body = await rawBodyOf(request);
            notification = country === undefined ? options.verifier.verify(body)
                : options.verifier.verifyFor(country, body);
        } catch (error) {
            report(error);
            answer(response, 400, error instanceof InvalidNotificationError ? error.message : "bad notification");
            return;
        }
        try {
            await options.onNotification(notification);
        } catch (error) {
            report(error);
            answer(response, 500, "notification not processed; retry later");
            return;
        }
        answer(response, 200, NOTIFY_ACK);
    };
}
