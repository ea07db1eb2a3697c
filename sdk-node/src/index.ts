/**
 * @openpaypro/sdk: the merchant side of the PayPro API (OpenPayPro and wire-compatible gateways), for Node 18+ with
 * no runtime dependencies. Start with {@link PayProClient}, the country builders ({@link Brazil}, {@link Kenya},
 * ...), and {@link NotifyVerifier} / {@link notifyHandler} for callbacks.
 */
export * from "./client.js";
export * from "./countries.js";
export * from "./flatJson.js";
export * from "./notify.js";
export * from "./requests.js";
export * from "./results.js";
export * from "./signing.js";
export * from "./hmac.js";
