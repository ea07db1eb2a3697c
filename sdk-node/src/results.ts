/**
 * The two layers of a PayPro answer (spec §1.6, §5). The outer `code` only says whether the *request* was accepted:
 * `0000` accepted, `8000` refused with nothing changed (`msg` says why), `5000` outcome unknown (query before
 * retrying). The business outcome of a trade is `data.status`: `0000` success, `0015` processing, `0001` partial
 * payment (some countries), anything else a final failure (`00029`, and country codes such as `60019`).
 *
 * Plain immutable values; safe to share.
 */

/** Outer codes of spec §5.1. */
export const Codes = Object.freeze({
    ACCEPTED: "0000",
    REJECTED: "8000",
    OUTCOME_UNKNOWN: "5000",
});

/** Business statuses of spec §5.2/§5.3 that the SDK names; every other code is a final failure. */
export const Statuses = Object.freeze({
    SUCCESS: "0000",
    PROCESSING: "0015",
    PARTIAL: "0001",
    FAILED: "00029",
});

/** `data.status` read as the spec tells merchants to. */
export type TradeStatus = "SUCCESS" | "PROCESSING" | "PARTIAL" | "FAILED";

/**
 * Reads a wire status: unknown codes are final failures, so a country code the SDK never heard of cannot leave a
 * merchant waiting forever.
 *
 * @throws PayProError when there is no status at all (the state cannot be told)
 */
export function tradeStatus(wireStatus: string | null | undefined): TradeStatus {
    switch (wireStatus) {
        case Statuses.SUCCESS:
            return "SUCCESS";
        case Statuses.PROCESSING:
            return "PROCESSING";
        case Statuses.PARTIAL:
            return "PARTIAL";
        case undefined:
        case null:
        case "":
            throw new PayProError("the gateway sent no status, so the trade state cannot be told");
        default:
            return "FAILED";
    }
}

/** Whether a wire status can still change (`0015`) or is final (everything else). */
export function isFinalStatus(wireStatus: string | null | undefined): boolean {
    return tradeStatus(wireStatus) !== "PROCESSING";
}

/** What kind of failure a {@link PayProError} is. */
export type PayProErrorKind =
    /** No usable answer: network failure, timeout, or an answer that is not an envelope. Outcome unknown. */
    | "transport"
    /** An envelope that does not allow going on (`dataOrThrow` on a request that was not accepted). */
    | "notAccepted";

/**
 * Anything that kept the SDK from getting a usable answer. For `kind` `transport` on an order creation the outcome
 * is unknown: query by `tradeNo` before creating the order again. For `notAccepted`, `gatewayCode` and `gatewayMsg`
 * are the envelope's.
 */
export class PayProError extends Error {
    readonly kind: PayProErrorKind;
    readonly gatewayCode: string | undefined;
    readonly gatewayMsg: string | undefined;
    readonly httpStatus: number | undefined;

    constructor(message: string, options: { kind?: PayProErrorKind; gatewayCode?: string; gatewayMsg?: string;
            httpStatus?: number; cause?: unknown } = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = "PayProError";
        this.kind = options.kind ?? "transport";
        this.gatewayCode = options.gatewayCode;
        this.gatewayMsg = options.gatewayMsg;
        this.httpStatus = options.httpStatus;
    }

    /** True when whether the gateway acted is unknown (transport failure, or outer code `5000`). */
    get outcomeUnknown(): boolean {
        return this.kind === "transport" || this.gatewayCode === Codes.OUTCOME_UNKNOWN;
    }
}

/** One synchronous answer: the outer layer of spec §1.6 plus its `data`. */
export class ApiResult<T> {
    constructor(
        /** Outer code as sent. */
        readonly code: string,
        /** Outer message as sent (`success`, or the reason of a refusal). */
        readonly msg: string | undefined,
        /** The envelope's `success` flag as sent; informative only, {@link accepted} decides. */
        readonly success: boolean,
        /** The envelope's epoch milliseconds, 0 if absent. */
        readonly timestamp: number,
        /** The endpoint payload; usually `undefined` when not accepted. */
        readonly data: T | undefined,
        /** HTTP status of the answer (PayPro answers 200 also for refusals). */
        readonly httpStatus: number = 200,
    ) {
        Object.freeze(this);
    }

    /** The request was valid and accepted (`0000`): read `data`, then `data.status` for the business outcome. */
    get accepted(): boolean {
        return this.code === Codes.ACCEPTED;
    }

    /** Deterministic refusal (`8000`): nothing was created or changed; `msg` says why. */
    get rejected(): boolean {
        return this.code === Codes.REJECTED;
    }

    /** The gateway cannot tell whether it acted (`5000`): query by `tradeNo` before creating the order again. */
    get outcomeUnknown(): boolean {
        return this.code === Codes.OUTCOME_UNKNOWN;
    }

    /**
     * The payload of an accepted request.
     *
     * @throws PayProError (kind `notAccepted`) carrying `code` and `msg` when the request was not accepted or an
     *         accepted answer has no `data`
     */
    dataOrThrow(): T {
        if (!this.accepted) {
            throw new PayProError(`request not accepted: code=${this.code}, msg=${this.msg}`,
                { kind: "notAccepted", gatewayCode: this.code, gatewayMsg: this.msg, httpStatus: this.httpStatus });
        }
        if (this.data === undefined || this.data === null) {
            throw new PayProError(`request accepted but the answer has no data (code=${this.code})`,
                { kind: "notAccepted", gatewayCode: this.code, gatewayMsg: this.msg, httpStatus: this.httpStatus });
        }
        return this.data;
    }
}

/** Fields the SDK does not know yet are kept: gateways add fields (`qrCode`, `utr`, ...) without notice. */
type Open = { readonly [field: string]: unknown };

/** `data` of an accepted pay-in (spec §3.1): where to send the payer, state right after creation (`0015`). */
export type PayinData = Open & {
    readonly tradeNo: string;
    readonly platFormTradeNo: string;
    readonly status: string;
    readonly desc?: string;
    readonly remark?: string;
    /** Hosted cashier page (PayPro's name). */
    readonly paymentUrl?: string;
    /** The same page under the white-label brand's name; read {@link paymentPageUrl} to get either. */
    readonly paymentLink?: string;
    /** Brazil: the PIX "copia e cola" code. */
    readonly qrCode?: string;
    /** Kenya: the M-Pesa receipt code, usable with `queryResultByCode`. */
    readonly serialNumber?: string;
};

/** `data` of an accepted payout (spec §3.2); the result arrives by callback or query. */
export type PayoutData = Open & {
    readonly tradeNo: string;
    readonly platFormTradeNo: string;
    readonly status: string;
};

/** `data` of a pay-in or payout query (spec §3.3, §3.4); `status` is authoritative. */
export type TradeResult = Open & {
    readonly platFormTradeNo: string;
    readonly tradeNo: string;
    /** The amount as the merchant sent it. */
    readonly amount: string;
    readonly status: string;
    readonly message?: string;
    /** Country local time `yyyy-MM-dd HH:mm:ss`, only on success. */
    readonly successTime?: string;
    /** Egypt, Mexico. */
    readonly createTime?: string;
    /** Egypt, Mexico: what the payer paid. */
    readonly receivedAmount?: string;
    /** India, Mexico: bank reference of a successful payout. */
    readonly utr?: string;
};

/** `data` of a balance inquiry (spec §3.5): strings with 4 decimals. */
export type BalanceData = Open & {
    readonly availableAmount: string;
    readonly freezeAmount: string;
    readonly unsettledAmount: string;
};

/** `data` of Indonesia's `accountVerify`. */
export type AccountVerifyData = Open & {
    readonly bankAccountNo: string;
    readonly bankAccountName: string;
};

/** `data` of Indonesia's proof voucher: a link to the PDF receipt. */
export type VoucherData = Open & {
    readonly url: string;
    readonly message?: string;
};

/** `data` of Bangladesh's `payinSubmit`: the pay-in query view, or `true` on the white-label flavour. */
export type PayinSubmitData = TradeResult | boolean;

/** The hosted page of a pay-in, whichever name the gateway used (`paymentUrl`, white-label `paymentLink`). */
export function paymentPageUrl(data: PayinData): string | undefined {
    return data.paymentUrl ?? data.paymentLink;
}

const AMOUNT = /^(-)?([0-9]+)(?:\.([0-9]{1,4}))?$/;

/**
 * An exact amount in 1/10,000 of the currency, from a wire amount such as `"898.5000"` or `"150"`; never floating
 * point.
 *
 * @throws RangeError for anything but a plain decimal with at most 4 decimals
 */
export function amountUnits(amount: string): bigint {
    const match = AMOUNT.exec(amount ?? "");
    if (match === null) {
        throw new RangeError(`'${amount}' is not a plain decimal amount with at most 4 decimals`);
    }
    const units = BigInt(match[2] as string) * 10_000n + BigInt(((match[3] ?? "") + "0000").slice(0, 4));
    return match[1] === "-" ? -units : units;
}
