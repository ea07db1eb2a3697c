/**
 * Typed request builders for every endpoint of every country (spec §3, §6; docs/countries/*.md). A builder turns a
 * typed object into a {@link PayProRequest}: the country, the endpoint name and the flat body fields as the strings
 * that will be signed and sent. The types name each country's documented fields so an editor can help; they stay
 * **open**: any extra field (a newer field, a white-label field such as Bangladesh's `platFormTradeNo` on
 * `payinSubmit`) is sent and signed too. Suggested codes (`EWALLET_BKASH`, `BKASH`, ...) are hints, not limits:
 * the gateway's `msg` names what it refuses.
 *
 * Only the fields that identify a request are checked here (`tradeNo`, `amount`, ...): which other fields are
 * mandatory is the gateway's rule and it names the missing one.
 *
 * Pure functions returning frozen values; safe to share.
 */
import { type CountryCode, type CountryFlavour, type Operation, Countries, endpointName } from "./countries.js";
import type {
    AccountVerifyData, BalanceData, PayinData, PayinSubmitData, PayoutData, TradeResult, VoucherData,
} from "./results.js";

/** A value a body field may be given; it is sent as a JSON string. */
export type FieldValue = string | number | bigint | boolean;

/** A known value or any other string (editor hints without closing the type). */
export type Suggest<Known extends string> = Known | (string & NonNullable<unknown>);

/** Any further field, sent and signed as given; `undefined`, `null` and `""` are left out. */
export type ExtraFields = { readonly [field: string]: FieldValue | null | undefined };

/** Amounts in major units: prefer strings (`"150.00"`) so no floating point is involved. */
export type Amount = string | number | bigint;

/** A built request: where it goes and the exact fields (strings) that are signed and sent. */
export interface PayProRequest<Data = unknown> {
    readonly country: CountryCode;
    readonly operation: Operation;
    readonly endpoint: string;
    readonly fields: Readonly<Record<string, string>>;
    /** Phantom: the type of `data` the answer carries. */
    readonly __data?: Data;
}

/** Fields of every order creation. `notifyUrl` may be left out when the operator set a merchant default. */
export type CreateFields = ExtraFields & {
    readonly tradeNo: string;
    readonly amount: Amount;
    readonly notifyUrl?: string;
    readonly remark?: string;
    /** Epoch milliseconds; the client adds the current time when absent. */
    readonly timestamp?: string | number;
};

// ---- field conversion ------------------------------------------------------------------------------------------

function fieldText(key: string, value: unknown): string | undefined {
    if (value === undefined || value === null || value === "") {
        return undefined;
    }
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number") {
        const text = String(value);
        if (!Number.isFinite(value) || /e/i.test(text)) {
            throw new TypeError(`field '${key}' is the number ${text}; send it as a plain decimal string`);
        }
        return text;
    }
    if (typeof value === "bigint" || typeof value === "boolean") {
        return String(value);
    }
    throw new TypeError(`field '${key}' is ${Array.isArray(value) ? "an array" : "a " + typeof value}; PayPro bodies`
        + " are flat");
}

/**
 * The body fields as strings, without `undefined`, `null` or empty values (the signature skips empty values, so
 * sending them adds nothing).
 *
 * @throws TypeError for a `sign` field (the client signs), an empty key, a nested value or an exponent number
 */
export function toFields(input: Readonly<Record<string, unknown>>): Readonly<Record<string, string>> {
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
        throw new TypeError("request fields must be an object");
    }
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(input)) {
        if (key === "" || key === "sign") {
            throw new TypeError(`field name '${key}' is not allowed; the client computes the sign`);
        }
        const text = fieldText(key, value);
        if (text !== undefined) {
            fields[key] = text;
        }
    }
    return Object.freeze(fields);
}

function requireFields(fields: Readonly<Record<string, string>>, names: readonly string[], what: string): void {
    for (const name of names) {
        if (fields[name] === undefined || fields[name]?.trim() === "") {
            throw new TypeError(`${what}: ${name} is required`);
        }
    }
}

/** Builds a request for any operation of a country; the typed builders below all come here. */
export function buildRequest<Data>(country: CountryCode | CountryFlavour, operation: Operation,
        input: Readonly<Record<string, unknown>>, required: readonly string[] = []): PayProRequest<Data> {
    const flavour = typeof country === "string" ? Countries[country] : country;
    if (flavour === undefined) {
        throw new TypeError(`unknown country '${String(country)}'`);
    }
    const endpoint = endpointName(flavour, operation);
    const fields = toFields(input);
    requireFields(fields, required, `${flavour.code} ${endpoint}`);
    return Object.freeze({ country: flavour.code, operation, endpoint, fields });
}

const CREATE = ["tradeNo", "amount"] as const;

function creator<Input extends CreateFields, Data>(country: CountryCode, operation: Operation):
        (input: Input) => PayProRequest<Data> {
    return (input) => buildRequest<Data>(country, operation, input, CREATE);
}

// ---- shared by every country -----------------------------------------------------------------------------------

/** Query of a pay-in by the merchant's `tradeNo`. */
export function queryPayin(country: CountryCode, tradeNo: string, extra: ExtraFields = {}):
        PayProRequest<TradeResult> {
    return buildRequest(country, "queryPayin", { ...extra, tradeNo }, ["tradeNo"]);
}

/** Query of a payout by the merchant's `tradeNo`. */
export function queryPayout(country: CountryCode, tradeNo: string, extra: ExtraFields = {}):
        PayProRequest<TradeResult> {
    return buildRequest(country, "queryPayout", { ...extra, tradeNo }, ["tradeNo"]);
}

/** Balance inquiry; the body has only `timestamp` (added by the client). */
export function queryBalance(country: CountryCode, extra: ExtraFields = {}): PayProRequest<BalanceData> {
    return buildRequest(country, "balance", extra);
}

// ---- Brazil (PIX) ----------------------------------------------------------------------------------------------

export type BrazilPayin = CreateFields & {
    readonly name: string;
    readonly identityType: Suggest<"CPF" | "CNPJ">;
    /** CPF 11 digits / CNPJ 14 digits, digits only. */
    readonly userIdentity: string;
    readonly returnUrl?: string;
    readonly remark: string;
};

export type BrazilPayout = CreateFields & {
    readonly name: string;
    readonly email: string;
    readonly mobile: string;
    /** PIX key type. */
    readonly bankType: Suggest<"CPF" | "CNPJ" | "EMAIL" | "PHONE" | "EVP">;
    /** The PIX key matching `bankType`. */
    readonly bankNumber: string;
    readonly identityType: Suggest<"CPF" | "CNPJ">;
    readonly userIdentity: string;
    readonly remark: string;
};

export const Brazil = Object.freeze({
    /** `payin`: PIX through the hosted cashier page (answer has `paymentUrl` and `qrCode`). */
    payin: creator<BrazilPayin, PayinData>("BR", "payin"),
    /** `payout`: PIX transfer to a key. */
    payout: creator<BrazilPayout, PayoutData>("BR", "payout"),
});

// ---- Indonesia -------------------------------------------------------------------------------------------------

export type IndonesiaPayin = CreateFields & {
    readonly username: string;
    /** 10-13 digits starting `08` or `628`. */
    readonly mobile: string;
    readonly email: string;
    /** Required on `payIn`, optional on `paymentLink`. */
    readonly channelCode?: Suggest<"QRIS" | "EWALLET" | "VA">;
    readonly wayCode?: Suggest<"DANA" | "OVO" | "SHOPEEPAY" | "LINKAJA" | "GOPAY" | "QRIS" | "BCA" | "BNI" | "BRI"
        | "MANDIRI" | "PERMATA" | "CIMB" | "BSI" | "DANAMON">;
    readonly returnUrl?: string;
};

export type IndonesiaPayout = CreateFields & {
    readonly customerName: string;
    readonly mobile: string;
    readonly email: string;
    /** 6-20 digits. */
    readonly bankAccountNo: string;
    /** 4-digit bank code of the bank list, e.g. `0002`. */
    readonly bankCode: string;
};

export type IndonesiaAccountVerify = ExtraFields & {
    readonly bankAccountNo: string;
    readonly bankCode: string;
};

export const Indonesia = Object.freeze({
    /** `payIn`: host-to-host; `channelCode` required. */
    payin: creator<IndonesiaPayin & { readonly channelCode: Suggest<"QRIS" | "EWALLET" | "VA"> }, PayinData>(
        "ID", "payin"),
    /** `paymentLink`: the hosted cashier. */
    paymentLink: creator<IndonesiaPayin, PayinData>("ID", "hostedPayin"),
    /** `payOut`: bank transfer. */
    payout: creator<IndonesiaPayout, PayoutData>("ID", "payout"),
    /** `accountVerify`: the account holder's name; an unknown account is refused with `8000`. */
    accountVerify: (input: IndonesiaAccountVerify): PayProRequest<AccountVerifyData> =>
        buildRequest("ID", "accountVerify", input, ["bankAccountNo", "bankCode"]),
    /** `indonesia/query/voucher`: PDF proof of a successful trade, by the merchant's `tradeNo`. */
    voucher: (tradeNo: string, extra: ExtraFields = {}): PayProRequest<VoucherData> =>
        buildRequest("ID", "voucher", { ...extra, tradeNo }, ["tradeNo"]),
});

// ---- Pakistan (/v1/payproPK) -----------------------------------------------------------------------------------

type PakistanPerson = {
    readonly name: string;
    /** 10 digits starting `3`, or 11 starting `03`. */
    readonly mobile: string;
    /** Pay-ins: a Gmail address. */
    readonly email: string;
    /** CNIC, 13 digits (or `XXXXX-XXXXXXX-X`). */
    readonly customerCert?: string;
};

export type PakistanPayin = CreateFields & PakistanPerson & {
    readonly paymentType?: Suggest<"easypaisa" | "jazzcash">;
    /** Required above 50,000. */
    readonly custId?: string;
    readonly returnUrl?: string;
};

export type PakistanPayout = CreateFields & PakistanPerson & {
    readonly customerCert: string;
    readonly accountType: Suggest<"BANK" | "WALLET">;
    /** Bank or wallet code, e.g. `ALLIED_BANK_LIMITED`, `EASYPAISA`. */
    readonly bankName: string;
    /** Account number / IBAN, or the wallet's mobile number. */
    readonly bankNumber: string;
    readonly remark: string;
};

export const Pakistan = Object.freeze({
    /** `payinApi`: host-to-host. */
    payin: creator<PakistanPayin, PayinData>("PK", "payin"),
    /** `payin`: the payment page (`customerCert` and `remark` required there). */
    paymentPage: creator<PakistanPayin & { readonly customerCert: string; readonly remark: string }, PayinData>(
        "PK", "hostedPayin"),
    /** `payout`: to a bank account or a wallet. */
    payout: creator<PakistanPayout, PayoutData>("PK", "payout"),
});

// ---- Philippines -----------------------------------------------------------------------------------------------

export type PhilippinesPayin = CreateFields & {
    readonly payType: Suggest<"GCash" | "GrabPay" | "Maya" | "QRPH" | "GCash QR" | "Maya QR" | "Gotyme QR"
        | "UnionBank" | "BPI" | "RCBC">;
    readonly returnUrl: string;
};

export type PhilippinesPayout = CreateFields & {
    readonly customerName: string;
    /** A code of the bank list, e.g. `GCASH`, `BDO`. */
    readonly bankCode: string;
    readonly bankAccountNo: string;
};

export const Philippines = Object.freeze({
    /** `payIn`: host-to-host. */
    payin: creator<PhilippinesPayin, PayinData>("PH", "payin"),
    /** `paymentLink`: the hosted cashier. */
    paymentLink: creator<PhilippinesPayin, PayinData>("PH", "hostedPayin"),
    /** `payOut`. */
    payout: creator<PhilippinesPayout, PayoutData>("PH", "payout"),
});

// ---- India -----------------------------------------------------------------------------------------------------

type IndiaPerson = {
    readonly name: string;
    /** 10 digits starting 6-9, without `91`. */
    readonly mobile: string;
    /** A Gmail address. */
    readonly email: string;
    /** The payer's IP address. */
    readonly ipAddress: string;
};

export type IndiaPayin = CreateFields & IndiaPerson & { readonly returnUrl: string };

export type IndiaPayout = CreateFields & IndiaPerson & {
    /** 9-18 digits. */
    readonly bankNumber: string;
    /** IFSC, e.g. `SBIN0001234`. */
    readonly bankCode: string;
};

export const India = Object.freeze({
    /** `payinApi`: host-to-host. */
    payin: creator<IndiaPayin, PayinData>("IN", "payin"),
    /** `payin`: the cashier. */
    cashier: creator<IndiaPayin, PayinData>("IN", "hostedPayin"),
    /** `payout`: IFSC bank transfer; the query and callback of a successful payout carry `utr`. */
    payout: creator<IndiaPayout, PayoutData>("IN", "payout"),
});

// ---- Kenya (/api) ----------------------------------------------------------------------------------------------

export type KenyaPayin = CreateFields & {
    /** M-Pesa number, 12 digits starting `2547` or `2541`. Required on `payin`, optional on `payinConsole`. */
    readonly mobile?: string;
    readonly name?: string;
    readonly returnUrl?: string;
};

export type KenyaPayout = CreateFields & {
    readonly mobile: string;
    readonly name?: string;
};

export const Kenya = Object.freeze({
    /** `payin`: STK push to the payer's phone (answer has `serialNumber`). */
    payin: creator<KenyaPayin & { readonly mobile: string }, PayinData>("KE", "payin"),
    /** `payinConsole`: the hosted cashier. */
    payinConsole: creator<KenyaPayin, PayinData>("KE", "hostedPayin"),
    /** `payout`: M-Pesa transfer to a mobile number. */
    payout: creator<KenyaPayout, PayoutData>("KE", "payout"),
    /** `queryResultByCode`: a trade by its M-Pesa receipt code. */
    queryResultByCode: (code: string, extra: ExtraFields = {}): PayProRequest<TradeResult> =>
        buildRequest("KE", "queryResultByCode", { ...extra, code }, ["code"]),
});

// ---- Egypt -----------------------------------------------------------------------------------------------------

export type EgyptPayin = CreateFields & {
    readonly payer: string;
    /** 11 digits starting `010`-`018`. */
    readonly mobile: string;
    readonly email: string;
    readonly returnUrl?: string;
};

export type EgyptPayout = CreateFields & {
    /** The wallet's mobile number. */
    readonly walletId: string;
    readonly customerName: string;
};

export const Egypt = Object.freeze({
    /** `payIn`. */
    payin: creator<EgyptPayin, PayinData>("EG", "payin"),
    /** `payOut`: to a mobile wallet. */
    payout: creator<EgyptPayout, PayoutData>("EG", "payout"),
});

// ---- Mexico ----------------------------------------------------------------------------------------------------

export type MexicoPayin = CreateFields & {
    /** Required on `payInApi`. */
    readonly wayCode?: Suggest<"store" | "va">;
    readonly payer?: string;
    readonly mobile?: string;
    readonly email?: string;
    readonly returnUrl?: string;
};

export type MexicoPayout = CreateFields & {
    /** The beneficiary's bank, a code of the bank list (e.g. `012`). */
    readonly wayCode: string;
    readonly customerAccountType: Suggest<"CLABE" | "DebitCard">;
    /** 18 digits (CLABE) or 16 (debit card). */
    readonly customerAccount: string;
    readonly customerName?: string;
};

export const Mexico = Object.freeze({
    /** `payInApi`: host-to-host; `wayCode` required. */
    payin: creator<MexicoPayin & { readonly wayCode: Suggest<"store" | "va"> }, PayinData>("MX", "payin"),
    /** `paymentLink`: the hosted page. */
    paymentLink: creator<MexicoPayin, PayinData>("MX", "hostedPayin"),
    /** `payOut`: SPEI transfer. */
    payout: creator<MexicoPayout, PayoutData>("MX", "payout"),
});

// ---- Bangladesh ------------------------------------------------------------------------------------------------

/** PayPro's codes, and the white-label brand's (`BKASH`, `NAGAD`, ...), which a gateway may serve too. */
export type BangladeshPayinWay = Suggest<"EWALLET_BKASH" | "EWALLET_NAGAD" | "BKASH" | "NAGAD" | "BKASH_OFFICIAL"
    | "NAGAD_OFFICIAL">;

export type BangladeshPayin = CreateFields & {
    readonly wayCode: BangladeshPayinWay;
    readonly returnUrl?: string;
};

export type BangladeshPayout = CreateFields & {
    /** The wallet's mobile number, 11 digits starting `01`. */
    readonly walletId: string;
    readonly wayCode: Suggest<"EWALLET_BKASH" | "EWALLET_ROCKET" | "EWALLET_NAGAD" | "BKASH" | "NAGAD">;
};

/** The payer's wallet transaction for a pay-in, named by `tradeNo` and/or the white-label `platFormTradeNo`. */
export type BangladeshPayinSubmit = ExtraFields & {
    readonly trxId: string;
    readonly tradeNo?: string;
    readonly platFormTradeNo?: string;
};

export const Bangladesh = Object.freeze({
    /** `payin`: the hosted page (the `checkout` alias on white-label gateways). */
    payin: creator<BangladeshPayin, PayinData>("BD", "payin"),
    /** `payout`: to a bKash / Nagad / Rocket wallet. */
    payout: creator<BangladeshPayout, PayoutData>("BD", "payout"),
    /** `payinSubmit`: hands in the payer's wallet transaction id. */
    payinSubmit: (input: BangladeshPayinSubmit): PayProRequest<PayinSubmitData> => {
        const request = buildRequest<PayinSubmitData>("BD", "payinSubmit", input, ["trxId"]);
        if (request.fields["tradeNo"] === undefined && request.fields["platFormTradeNo"] === undefined) {
            throw new TypeError("BD payinSubmit: tradeNo or platFormTradeNo is required");
        }
        return request;
    },
});

// ---- Nigeria ---------------------------------------------------------------------------------------------------

export type NigeriaPayin = CreateFields & {
    readonly channelCode: Suggest<"EWALLET" | "VA">;
    readonly wayCode?: Suggest<"PALMPAY" | "VA">;
    readonly username: string;
    readonly mobile: string;
    readonly email: string;
    readonly returnUrl?: string;
};

export type NigeriaPayout = CreateFields & {
    /** A code of the bank list, e.g. `058`. */
    readonly bankCode: string;
    /** 10-digit NUBAN. */
    readonly bankAccountNo: string;
    readonly customerName: string;
};

export const Nigeria = Object.freeze({
    /** `payIn`. */
    payin: creator<NigeriaPayin, PayinData>("NG", "payin"),
    /** `payOut`: bank transfer. */
    payout: creator<NigeriaPayout, PayoutData>("NG", "payout"),
});

// ---- Vietnam (/v1/payproVN) ------------------------------------------------------------------------------------

export type VietnamPayin = CreateFields & {
    readonly bankName: Suggest<"VietQR">;
};

export type VietnamPayout = CreateFields & {
    /** Latin letters only, no diacritics: `NGUYEN VAN A`. */
    readonly accountName: string;
    /** A code of the bank list, e.g. `ACB`. */
    readonly bankName: string;
    readonly bankNumber: string;
};

export const Vietnam = Object.freeze({
    /** `payin`: VietQR transfer; minimum 50,000 VND. */
    payin: creator<VietnamPayin, PayinData>("VN", "payin"),
    /** `payout`: bank transfer; minimum 50,000 VND. */
    payout: creator<VietnamPayout, PayoutData>("VN", "payout"),
});
