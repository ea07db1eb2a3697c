package org.openpaypro.sdk;

/**
 * The PayPro country flavours (spec §6.1): the country base path of the sandbox host, the API family prefix and
 * the documented names of the pay-in, payout and query endpoints. Give one to {@link PayProClient.Builder#country}
 * and the typed calls use its paths. Country base paths not documented by PayPro are OpenPayPro's choice.
 */
public enum Country {
    BRAZIL("BR", "/brz-pay", "/v1/paypro", "payin", "payout", "queryPayInResult", "queryPayOutResult"),
    INDONESIA("ID", "/indonesia-pay", "/v1/paypro", "payIn", "payOut", "queryPayInResult", "queryPayOutResult"),
    PAKISTAN("PK", "/pak-pay", "/v1/payproPK", "payinApi", "payout", "queryPayInResult", "queryPayOutResult"),
    PHILIPPINES("PH", "/ph-pay", "/v1/paypro", "payIn", "payOut", "queryPayInResult", "queryPayOutResult"),
    INDIA("IN", "/india-pay", "/v1/paypro", "payinApi", "payout", "queryPayInResult", "queryPayOutResult"),
    KENYA("KE", "/kenya-pay", "/api", "payin", "payout", "queryPayinResult", "queryPayOutResult"),
    EGYPT("EG", "/egypt-pay", "/v1/paypro", "payIn", "payOut", "queryPayInResult", "queryPayOutResult"),
    MEXICO("MX", "/mex-pay", "/v1/paypro", "payInApi", "payOut", "queryPayInResult", "queryPayOutResult"),
    BANGLADESH("BD", "/bd-pay", "/v1/paypro", "payin", "payout", "queryPayInResult", "queryPayOutResult"),
    NIGERIA("NG", "/ng-pay", "/v1/paypro", "payIn", "payOut", "queryPayInResult", "queryPayOutResult"),
    VIETNAM("VN", "/vietnam-pay", "/v1/payproVN", "payin", "payout", "queryPayInResult", "queryPayOutResult");

    private final String code;
    private final String basePath;
    private final String family;
    private final String payin;
    private final String payout;
    private final String queryPayin;
    private final String queryPayout;

    Country(String code, String basePath, String family, String payin, String payout, String queryPayin,
            String queryPayout) {
        this.code = code;
        this.basePath = basePath;
        this.family = family;
        this.payin = payin;
        this.payout = payout;
        this.queryPayin = queryPayin;
        this.queryPayout = queryPayout;
    }

    /** ISO 3166 code, as the gateway's admin API takes it. */
    public String code() {
        return code;
    }

    public String basePath() {
        return basePath;
    }

    public String family() {
        return family;
    }

    public String payinEndpoint() {
        return payin;
    }

    public String payoutEndpoint() {
        return payout;
    }

    public String queryPayinEndpoint() {
        return queryPayin;
    }

    public String queryPayoutEndpoint() {
        return queryPayout;
    }
}
