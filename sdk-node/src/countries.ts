/**
 * The PayPro country flavours (spec §6.1, docs/countries/*.md): each country's base path on the gateway host, its
 * API family prefix and the documented name of every endpoint it has. A merchant belongs to one country; give its
 * code to the client and every call uses that country's paths. Base paths PayPro does not document are
 * OpenPayPro's choice (the same as in the Java SDK).
 *
 * Frozen data; safe to share.
 */

export type CountryCode = "BR" | "ID" | "PK" | "PH" | "IN" | "KE" | "EG" | "MX" | "BD" | "NG" | "VN";

/** What an endpoint does; the endpoint *name* differs by country (`payin`, `payIn`, `payinApi`, `payInApi`, ...). */
export type Operation =
    | "payin"
    | "hostedPayin"
    | "payout"
    | "queryPayin"
    | "queryPayout"
    | "balance"
    | "queryResultByCode"
    | "accountVerify"
    | "voucher"
    | "payinSubmit";

export interface CountryFlavour {
    readonly code: CountryCode;
    readonly name: string;
    /** ISO 4217; never sent on the wire (the merchant's country fixes it). */
    readonly currency: string;
    /** Country path between host and family, e.g. `/brz-pay`. */
    readonly basePath: string;
    /** API family prefix: `/v1/paypro`, `/v1/payproPK`, `/v1/payproVN` or `/api`. */
    readonly family: string;
    /** Endpoint name per operation; an operation the country lacks is absent. */
    readonly endpoints: Readonly<Partial<Record<Operation, string>>>;
    /** False for Kenya: its callbacks carry no `sign` and no `timestamp` (docs/countries/KE.md). */
    readonly signedCallbacks: boolean;
    /** Whether request amounts must be whole numbers (no decimals). */
    readonly wholeAmounts: boolean;
}

const STANDARD_QUERIES = {
    queryPayin: "queryPayInResult",
    queryPayout: "queryPayOutResult",
    balance: "queryBalance",
} as const;

function flavour(spec: Omit<CountryFlavour, "signedCallbacks"> & { signedCallbacks?: boolean }): CountryFlavour {
    return Object.freeze({
        ...spec,
        signedCallbacks: spec.signedCallbacks ?? true,
        endpoints: Object.freeze({ ...spec.endpoints }),
    });
}

export const Countries: Readonly<Record<CountryCode, CountryFlavour>> = Object.freeze({
    BR: flavour({ code: "BR", name: "Brazil", currency: "BRL", basePath: "/brz-pay", family: "/v1/paypro",
        wholeAmounts: false,
        endpoints: { payin: "payin", hostedPayin: "payin", payout: "payout", ...STANDARD_QUERIES } }),
    ID: flavour({ code: "ID", name: "Indonesia", currency: "IDR", basePath: "/indonesia-pay", family: "/v1/paypro",
        wholeAmounts: true,
        endpoints: { payin: "payIn", hostedPayin: "paymentLink", payout: "payOut", ...STANDARD_QUERIES,
            accountVerify: "accountVerify", voucher: "indonesia/query/voucher" } }),
    PK: flavour({ code: "PK", name: "Pakistan", currency: "PKR", basePath: "/pak-pay", family: "/v1/payproPK",
        wholeAmounts: true,
        endpoints: { payin: "payinApi", hostedPayin: "payin", payout: "payout", ...STANDARD_QUERIES } }),
    PH: flavour({ code: "PH", name: "Philippines", currency: "PHP", basePath: "/ph-pay", family: "/v1/paypro",
        wholeAmounts: false,
        endpoints: { payin: "payIn", hostedPayin: "paymentLink", payout: "payOut", ...STANDARD_QUERIES } }),
    IN: flavour({ code: "IN", name: "India", currency: "INR", basePath: "/india-pay", family: "/v1/paypro",
        wholeAmounts: false,
        endpoints: { payin: "payinApi", hostedPayin: "payin", payout: "payout", ...STANDARD_QUERIES } }),
    KE: flavour({ code: "KE", name: "Kenya", currency: "KES", basePath: "/kenya-pay", family: "/api",
        wholeAmounts: true, signedCallbacks: false,
        endpoints: { payin: "payin", hostedPayin: "payinConsole", payout: "payout",
            queryPayin: "queryPayinResult", queryPayout: "queryPayOutResult", balance: "queryBalance",
            queryResultByCode: "queryResultByCode" } }),
    EG: flavour({ code: "EG", name: "Egypt", currency: "EGP", basePath: "/egypt-pay", family: "/v1/paypro",
        wholeAmounts: true,
        endpoints: { payin: "payIn", payout: "payOut", ...STANDARD_QUERIES } }),
    MX: flavour({ code: "MX", name: "Mexico", currency: "MXN", basePath: "/mex-pay", family: "/v1/paypro",
        wholeAmounts: true,
        endpoints: { payin: "payInApi", hostedPayin: "paymentLink", payout: "payOut", ...STANDARD_QUERIES } }),
    BD: flavour({ code: "BD", name: "Bangladesh", currency: "BDT", basePath: "/bd-pay", family: "/v1/paypro",
        wholeAmounts: false,
        endpoints: { payin: "payin", hostedPayin: "payin", payout: "payout", ...STANDARD_QUERIES,
            payinSubmit: "payinSubmit" } }),
    NG: flavour({ code: "NG", name: "Nigeria", currency: "NGN", basePath: "/ng-pay", family: "/v1/paypro",
        wholeAmounts: false,
        endpoints: { payin: "payIn", payout: "payOut", ...STANDARD_QUERIES } }),
    VN: flavour({ code: "VN", name: "Vietnam", currency: "VND", basePath: "/vietnam-pay", family: "/v1/payproVN",
        wholeAmounts: true,
        endpoints: { payin: "payin", payout: "payout", ...STANDARD_QUERIES } }),
});

/**
 * The flavour of a country code.
 *
 * @throws TypeError naming the known codes for anything else
 */
export function countryFlavour(code: string): CountryFlavour {
    const found = (Countries as Record<string, CountryFlavour | undefined>)[code];
    if (found === undefined) {
        throw new TypeError(`unknown country '${code}'; known: ${Object.keys(Countries).join(", ")}`);
    }
    return found;
}

/**
 * The endpoint name of an operation in a country.
 *
 * @throws TypeError when the country has no such endpoint (e.g. `accountVerify` outside Indonesia)
 */
export function endpointName(country: CountryFlavour, operation: Operation): string {
    const name = country.endpoints[operation];
    if (name === undefined) {
        throw new TypeError(`${country.name} (${country.code}) has no ${operation} endpoint; it has `
            + Object.keys(country.endpoints).join(", "));
    }
    return name;
}
