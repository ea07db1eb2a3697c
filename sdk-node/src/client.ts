/**
 * Merchant-side client of a PayPro gateway (spec §1-§3). Every call is a signed JSON `POST` to
 * `baseUrl + [basePath] + family + "/" + endpoint` with the `merchantNo` header; the answer becomes an
 * {@link ApiResult} whose two layers the caller reads as spec §1.6 says.
 *
 * A network failure, a timeout or an answer that is not an envelope rejects with a {@link PayProError} of kind
 * `transport`: for order creation the outcome is then unknown, so query by `tradeNo` before creating the order
 * again. The client never retries on its own.
 *
 * Uses only Node built-ins (global `fetch` of Node 18+, `node:crypto`). Immutable once built; share one instance per
 * merchant account, concurrent calls are fine.
 */
import { type CountryCode, type CountryFlavour, type Operation, countryFlavour, endpointName } from "./countries.js";
import { type ExtraFields, type PayProRequest, buildRequest, queryBalance, queryPayin, queryPayout, toFields }
    from "./requests.js";
import {
    type AccountVerifyData, type BalanceData, type PayinData, type PayinSubmitData, type PayoutData, type TradeResult,
    type VoucherData, ApiResult, PayProError,
} from "./results.js";
import { sign } from "./signing.js";

/** What an extension signer sees of a request that is about to be sent. */
export interface OutgoingRequest {
    readonly method: "POST";
    /** Full URL. */
    readonly url: string;
    /** Path as sent, without scheme, host or query, e.g. `/v1/paypro/payin`. */
    readonly path: string;
    /** The exact body bytes that will be sent (UTF-8 JSON, `sign` included unless it travels in the header). */
    readonly body: Uint8Array;
    /** The body fields (strings), `timestamp` and `sign` included. */
    readonly fields: Readonly<Record<string, unknown>>;
    readonly merchantNo: string;
}

/**
 * Extension point for an additional request signature carried in headers (e.g. a gateway's optional HMAC-SHA256
 * header over method, path and the exact body bytes). Returns the headers to add. The SDK ships no implementation
 * yet, because the gateway's header format is not fixed; see README, "Stronger request signature".
 */
export type RequestSignatureHook = (request: OutgoingRequest) =>
    Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>;

export interface PayProClientOptions {
    /** Scheme, host and port of the gateway, e.g. `https://sandbox-api.paypro.tech`. */
    readonly baseUrl: string;
    /** Sent in the `merchantNo` header. */
    readonly merchantNo: string;
    /** The merchant key; signs every request, never sent. */
    readonly secretKey: string;
    /** The merchant's country flavour; default `BR`. */
    readonly country?: CountryCode;
    /** Put the country base path (`/brz-pay`, `/kenya-pay`, ...) before the family; default false (bare path). */
    readonly useCountryBasePath?: boolean;
    /** Replaces the country base path (implies it is used), e.g. a proxy's prefix. */
    readonly basePath?: string;
    /** Replaces the family prefix, e.g. a white-label brand's `/v1/acmepay`. */
    readonly family?: string;
    /** Replaces endpoint names, e.g. `{ hostedPayin: "checkout", payout: "disbursements" }` on a white-label host. */
    readonly endpointNames?: Readonly<Partial<Record<Operation, string>>>;
    /** Time limit of each request in milliseconds; default 30,000. */
    readonly timeoutMs?: number;
    /** True: `sign` travels in the `sign` header instead of the body (some Brazil pages, OP-1). Default false. */
    readonly signInHeader?: boolean;
    /** Additional signature headers (extension point, see {@link RequestSignatureHook}). */
    readonly signatureHeaders?: RequestSignatureHook;
    /** The `fetch` to use; default the global one. */
    readonly fetch?: typeof fetch;
    /** Clock for `timestamp`, epoch milliseconds; default `Date.now`. */
    readonly now?: () => number;
}

/** An answer as received, for {@link PayProClient.postRaw}. */
export interface RawResponse {
    readonly httpStatus: number;
    readonly body: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Larger answers are refused; real envelopes are a few hundred bytes. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
const SNIPPET_CHARS = 200;

function checkPrefix(value: string, name: string): string {
    if (value !== "" && (!value.startsWith("/") || value.endsWith("/"))) {
        throw new TypeError(`${name} must be empty or start with '/' and not end with '/', e.g. '/brz-pay', but was`
            + ` '${value}'`);
    }
    return value;
}

function checkBaseUrl(baseUrl: string): string {
    if (typeof baseUrl !== "string" || baseUrl.trim() === "") {
        throw new TypeError("baseUrl is required");
    }
    const trimmed = baseUrl.replace(/\/+$/, "");
    let url: URL;
    try {
        url = new URL(trimmed);
    } catch {
        throw new TypeError(`baseUrl is not a valid URL: ${baseUrl}`);
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search !== "" || url.hash !== "") {
        throw new TypeError(`baseUrl must look like https://host[:port][/path] without query, but was ${baseUrl}`);
    }
    return trimmed;
}

function requireText(value: unknown, name: string): string {
    if (typeof value !== "string" || value.trim() === "") {
        throw new TypeError(`${name} is required`);
    }
    return value;
}

export class PayProClient {
    readonly country: CountryFlavour;
    readonly merchantNo: string;
    private readonly baseUrl: string;
    private readonly prefix: string;
    private readonly secretKey: string;
    private readonly endpointNames: Readonly<Partial<Record<Operation, string>>>;
    private readonly timeoutMs: number;
    private readonly signInHeader: boolean;
    private readonly signatureHeaders: RequestSignatureHook | undefined;
    private readonly fetchFunction: typeof fetch;
    private readonly now: () => number;
    /** The last timestamp sent; the only mutable state (JavaScript runs one call at a time, so no race). */
    private readonly clock = { lastMillis: 0 };

    /** @throws TypeError naming the option to fix */
    constructor(options: PayProClientOptions) {
        if (options === null || typeof options !== "object") {
            throw new TypeError("options are required");
        }
        this.country = countryFlavour(options.country ?? "BR");
        this.baseUrl = checkBaseUrl(options.baseUrl);
        this.merchantNo = requireText(options.merchantNo, "merchantNo");
        this.secretKey = requireText(options.secretKey, "secretKey");
        const basePath = options.basePath ?? (options.useCountryBasePath === true ? this.country.basePath : "");
        this.prefix = checkPrefix(basePath, "basePath") + checkPrefix(options.family ?? this.country.family, "family");
        this.endpointNames = Object.freeze({ ...(options.endpointNames ?? {}) });
        this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        if (!Number.isInteger(this.timeoutMs) || this.timeoutMs <= 0) {
            throw new TypeError(`timeoutMs must be a positive integer but was ${options.timeoutMs}`);
        }
        this.signInHeader = options.signInHeader === true;
        this.signatureHeaders = options.signatureHeaders;
        const fetchFunction = options.fetch ?? globalThis.fetch;
        if (typeof fetchFunction !== "function") {
            throw new TypeError("no fetch available: use Node 18 or later, or pass options.fetch");
        }
        this.fetchFunction = fetchFunction;
        this.now = options.now ?? Date.now;
        Object.freeze(this);
    }

    /** The path an endpoint of this client is reached at, e.g. `/v1/paypro/payin`. */
    pathOf(endpoint: string): string {
        if (typeof endpoint !== "string" || endpoint === "" || endpoint.startsWith("/")) {
            throw new TypeError(`endpoint must be a name like 'payin' but was '${endpoint}'`);
        }
        return `${this.prefix}/${endpoint}`;
    }

    // ---- typed operations --------------------------------------------------------------------------------------

    /** Creates a pay-in on the country's (host-to-host where there are two) pay-in endpoint. */
    async payin(request: PayProRequest<PayinData> | Readonly<Record<string, unknown>>): Promise<ApiResult<PayinData>> {
        return this.send(this.request<PayinData>("payin", request, ["tradeNo", "amount"]));
    }

    /** Creates a pay-in on the country's hosted (cashier page) endpoint: `paymentLink`, `payinConsole`, ... */
    async hostedPayin(request: PayProRequest<PayinData> | Readonly<Record<string, unknown>>):
            Promise<ApiResult<PayinData>> {
        return this.send(this.request<PayinData>("hostedPayin", request, ["tradeNo", "amount"]));
    }

    /** Creates a payout on the country's payout endpoint. */
    async payout(request: PayProRequest<PayoutData> | Readonly<Record<string, unknown>>):
            Promise<ApiResult<PayoutData>> {
        return this.send(this.request<PayoutData>("payout", request, ["tradeNo", "amount"]));
    }

    /** State of a pay-in by the merchant's `tradeNo`; `data.status` is authoritative. */
    async queryPayin(tradeNo: string, extra: ExtraFields = {}): Promise<ApiResult<TradeResult>> {
        return this.send(queryPayin(this.country.code, tradeNo, extra));
    }

    /** State of a payout by the merchant's `tradeNo`. */
    async queryPayout(tradeNo: string, extra: ExtraFields = {}): Promise<ApiResult<TradeResult>> {
        return this.send(queryPayout(this.country.code, tradeNo, extra));
    }

    /** Balances of the merchant account. The guide's misspelt `availablAmount` is read as `availableAmount`. */
    async queryBalance(): Promise<ApiResult<BalanceData>> {
        const result = await this.send(queryBalance(this.country.code));
        const data = result.data as (BalanceData & { availablAmount?: string }) | undefined;
        if (data !== undefined && data !== null && data.availableAmount === undefined
                && data.availablAmount !== undefined) {
            return new ApiResult(result.code, result.msg, result.success, result.timestamp,
                { ...data, availableAmount: data.availablAmount }, result.httpStatus);
        }
        return result;
    }

    /** Kenya: a trade by its M-Pesa receipt code (`serialNumber` of the pay-in answer). */
    async queryResultByCode(code: string): Promise<ApiResult<TradeResult>> {
        return this.send(this.request<TradeResult>("queryResultByCode", { code }, ["code"]));
    }

    /** Indonesia: the name of a bank account's holder. */
    async accountVerify(input: { readonly bankAccountNo: string; readonly bankCode: string } & ExtraFields):
            Promise<ApiResult<AccountVerifyData>> {
        return this.send(this.request<AccountVerifyData>("accountVerify", input, ["bankAccountNo", "bankCode"]));
    }

    /** Indonesia: the PDF proof of a successful trade. */
    async voucher(tradeNo: string): Promise<ApiResult<VoucherData>> {
        return this.send(this.request<VoucherData>("voucher", { tradeNo }, ["tradeNo"]));
    }

    /** Bangladesh: hands in the payer's wallet transaction id for a pay-in. */
    async payinSubmit(request: PayProRequest<PayinSubmitData> | Readonly<Record<string, unknown>>):
            Promise<ApiResult<PayinSubmitData>> {
        return this.send(this.request<PayinSubmitData>("payinSubmit", request, ["trxId"]));
    }

    /**
     * Signs and sends any endpoint of this client's family (an alias such as `checkout`, a newer endpoint). Values
     * are sent as JSON strings; `timestamp` is added unless present.
     */
    async call(endpoint: string, fields: Readonly<Record<string, unknown>> = {}):
            Promise<ApiResult<Record<string, unknown>>> {
        return this.exchange(this.pathOf(endpoint), toFields(fields));
    }

    /**
     * Sends a built request.
     *
     * @throws TypeError (as a rejection) when the request was built for another country
     */
    async send<Data>(request: PayProRequest<Data>): Promise<ApiResult<Data>> {
        if (request.country !== this.country.code) {
            throw new TypeError(`request was built for ${request.country} but this client speaks `
                + `${this.country.code}; build it with the ${this.country.name} builders`);
        }
        const endpoint = this.endpointNames[request.operation] ?? request.endpoint;
        return this.exchange(this.pathOf(endpoint), request.fields) as Promise<ApiResult<Data>>;
    }

    /**
     * Posts `body` as given (values keep their JSON types, no `timestamp` added) to `baseUrl + path`, for tests and
     * odd inputs. With `signed`, the signature over the body (minus any `sign` it holds) is added as configured.
     * The answer is not interpreted.
     */
    async postRaw(path: string, body: Readonly<Record<string, unknown>>, signed = true): Promise<RawResponse> {
        if (typeof path !== "string" || !path.startsWith("/")) {
            throw new TypeError(`path must start with '/' but was ${path}`);
        }
        return this.post(path, { ...body }, signed);
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private request<Data>(operation: Operation, input: PayProRequest<Data> | Readonly<Record<string, unknown>>,
            required: readonly string[]): PayProRequest<Data> {
        if (isBuiltRequest(input)) {
            const sameEndpoint = this.country.endpoints[input.operation] === this.country.endpoints[operation];
            if (input.operation !== operation && !sameEndpoint) {
                throw new TypeError(`request is a ${input.operation} request, not ${operation}`);
            }
            // Re-tagged so that an endpointNames entry for the operation called applies.
            return (input.operation === operation ? input : Object.freeze({ ...input, operation })) as
                PayProRequest<Data>;
        }
        endpointName(this.country, operation);
        return buildRequest<Data>(this.country, operation, input, required);
    }

    /**
     * The current time, but always later than the previous request's: two identical requests in one millisecond
     * would otherwise carry the same signature, which a gateway refusing replayed signatures would refuse.
     */
    private nextTimestamp(): number {
        const millis = Math.max(Math.trunc(this.now()), this.clock.lastMillis + 1);
        this.clock.lastMillis = millis;
        return millis;
    }

    private async exchange(path: string, fields: Readonly<Record<string, string>>):
            Promise<ApiResult<Record<string, unknown>>> {
        const body: Record<string, unknown> = { ...fields };
        if (body["timestamp"] === undefined) {
            body["timestamp"] = String(this.nextTimestamp());
        }
        const response = await this.post(path, body, true);
        return readEnvelope(this.baseUrl + path, response);
    }

    private async post(path: string, body: Record<string, unknown>, signed: boolean): Promise<RawResponse> {
        const headers: Record<string, string> = {
            "merchantNo": this.merchantNo,
            "Content-Type": "application/json",
            "Accept": "application/json",
        };
        if (signed) {
            delete body["sign"];
            const signature = sign(body, this.secretKey);
            if (this.signInHeader) {
                headers["sign"] = signature;
            } else {
                body["sign"] = signature;
            }
        }
        const url = this.baseUrl + path;
        const bytes = new TextEncoder().encode(JSON.stringify(body));
        if (this.signatureHeaders !== undefined) {
            const extra = await this.signatureHeaders(Object.freeze({ method: "POST", url, path: new URL(url).pathname,
                body: bytes, fields: Object.freeze({ ...body }), merchantNo: this.merchantNo }));
            Object.assign(headers, extra);
        }
        try {
            const response = await this.fetchFunction(url, { method: "POST", headers, body: bytes,
                signal: AbortSignal.timeout(this.timeoutMs), redirect: "manual" });
            return { httpStatus: response.status, body: await readLimited(url, response) };
        } catch (error) {
            if (error instanceof PayProError) {
                throw error;
            }
            throw new PayProError(`POST ${url} failed (${describeError(error)}); whether the gateway processed it is`
                + " unknown, query by tradeNo before repeating an order", { kind: "transport", cause: error });
        }
    }
}

function isBuiltRequest(input: unknown): input is PayProRequest {
    return typeof input === "object" && input !== null && "operation" in input && "endpoint" in input
        && "fields" in input && "country" in input;
}

function describeError(error: unknown): string {
    if (error instanceof Error) {
        const cause = (error as { cause?: unknown }).cause;
        return cause instanceof Error ? `${error.name}: ${error.message}: ${cause.message}`
            : `${error.name}: ${error.message}`;
    }
    return String(error);
}

async function readLimited(url: string, response: Response): Promise<string> {
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > MAX_RESPONSE_BYTES) {
        await response.body?.cancel();
        throw new PayProError(`answer of POST ${url} declares ${declared} bytes, more than ${MAX_RESPONSE_BYTES};`
            + " refusing to read it", { httpStatus: response.status });
    }
    if (response.body === null) {
        return "";
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) {
            break;
        }
        total += value.byteLength;
        if (total > MAX_RESPONSE_BYTES) {
            await reader.cancel();
            throw new PayProError(`answer of POST ${url} is larger than ${MAX_RESPONSE_BYTES} bytes; refusing to`
                + " read it", { httpStatus: response.status });
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks).toString("utf8");
}

function describe(url: string, response: RawResponse): string {
    const snippet = response.body.length <= SNIPPET_CHARS ? response.body
        : response.body.slice(0, SNIPPET_CHARS) + "...";
    return `answer of POST ${url} (HTTP ${response.httpStatus}, body '${snippet}')`;
}

/**
 * Turns an HTTP answer into an {@link ApiResult}. Anything that is not a JSON object with a `code` is a
 * {@link PayProError} carrying the HTTP status and the start of the body, so the merchant sees what a proxy or load
 * balancer answered instead of the gateway.
 */
export function readEnvelope(url: string, response: RawResponse): ApiResult<Record<string, unknown>> {
    let root: unknown;
    try {
        root = JSON.parse(response.body);
    } catch (error) {
        throw new PayProError(`${describe(url, response)} is not JSON`, { httpStatus: response.httpStatus,
            cause: error });
    }
    if (typeof root !== "object" || root === null || Array.isArray(root)) {
        throw new PayProError(`${describe(url, response)} is not a PayPro envelope (not an object)`,
            { httpStatus: response.httpStatus });
    }
    const envelope = root as Record<string, unknown>;
    const code = envelope["code"];
    if (typeof code !== "string" && typeof code !== "number") {
        throw new PayProError(`${describe(url, response)} is not a PayPro envelope (no code)`,
            { httpStatus: response.httpStatus });
    }
    const msg = envelope["msg"];
    // The tables say string, the examples boolean/number (OP-8): accept both.
    const success = envelope["success"] === true || envelope["success"] === "true";
    const timestamp = Number(envelope["timestamp"] ?? 0);
    const data = envelope["data"] === null ? undefined : envelope["data"] as Record<string, unknown> | undefined;
    return new ApiResult(String(code), msg === undefined || msg === null ? undefined : String(msg), success,
        Number.isFinite(timestamp) ? timestamp : 0, data, response.httpStatus);
}
