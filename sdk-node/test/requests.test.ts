import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
    Bangladesh, Brazil, Countries, Egypt, India, Indonesia, Kenya, Mexico, Nigeria, Pakistan, Philippines, Vietnam,
    buildRequest, endpointName, queryBalance, queryPayin, queryPayout, toFields,
} from "../src/index.js";

const NOTIFY = "https://merchant.example/notify";

describe("country flavours (spec §6.1)", () => {
    it("every country has its family, base path and the three shared queries", () => {
        const expected: Record<string, [string, string]> = {
            BR: ["/brz-pay", "/v1/paypro"], ID: ["/indonesia-pay", "/v1/paypro"], PK: ["/pak-pay", "/v1/payproPK"],
            PH: ["/ph-pay", "/v1/paypro"], IN: ["/india-pay", "/v1/paypro"], KE: ["/kenya-pay", "/api"],
            EG: ["/egypt-pay", "/v1/paypro"], MX: ["/mex-pay", "/v1/paypro"], BD: ["/bd-pay", "/v1/paypro"],
            NG: ["/ng-pay", "/v1/paypro"], VN: ["/vietnam-pay", "/v1/payproVN"],
        };
        assert.deepEqual(Object.keys(Countries).sort(), Object.keys(expected).sort());
        for (const [code, [basePath, family]] of Object.entries(expected)) {
            const flavour = Countries[code as keyof typeof Countries];
            assert.equal(flavour.basePath, basePath, code);
            assert.equal(flavour.family, family, code);
            for (const operation of ["payin", "payout", "queryPayin", "queryPayout", "balance"] as const) {
                assert.ok(flavour.endpoints[operation], `${code} ${operation}`);
            }
        }
    });

    it("Kenya's pay-in query is queryPayinResult (lower-case in) and its callbacks are unsigned", () => {
        assert.equal(Countries.KE.endpoints.queryPayin, "queryPayinResult");
        assert.equal(Countries.KE.endpoints.queryPayout, "queryPayOutResult");
        assert.equal(Countries.KE.signedCallbacks, false);
        assert.equal(Countries.BR.endpoints.queryPayin, "queryPayInResult");
        assert.equal(Countries.BR.signedCallbacks, true);
    });

    it("an operation a country lacks is refused with the list of what it has", () => {
        assert.throws(() => endpointName(Countries.BR, "accountVerify"), /Brazil \(BR\) has no accountVerify/);
        assert.throws(() => endpointName(Countries.EG, "hostedPayin"), /Egypt \(EG\) has no hostedPayin/);
    });
});

describe("request builders, one per endpoint of every country", () => {
    it("Brazil: payin (hosted) and PIX payout carry the spec §3.1/§3.2 fields", () => {
        const payin = Brazil.payin({ tradeNo: "BR1", amount: "150.00", name: "Maria Souza", identityType: "CPF",
            userIdentity: "12345678909", notifyUrl: NOTIFY, returnUrl: "https://merchant.example/done",
            remark: "order 1" });
        assert.equal(payin.endpoint, "payin");
        assert.equal(payin.country, "BR");
        assert.deepEqual(payin.fields, { tradeNo: "BR1", amount: "150.00", name: "Maria Souza", identityType: "CPF",
            userIdentity: "12345678909", notifyUrl: NOTIFY, returnUrl: "https://merchant.example/done",
            remark: "order 1" });
        const payout = Brazil.payout({ tradeNo: "BR2", amount: 300, name: "abc", email: "abc@xx.com",
            mobile: "+5511987654321", bankType: "EVP", bankNumber: "123e4567-e89b-12d3-a456-426614174000",
            identityType: "CPF", userIdentity: "18171847084", notifyUrl: NOTIFY, remark: "r" });
        assert.equal(payout.endpoint, "payout");
        assert.equal(payout.fields["amount"], "300");
        assert.equal(payout.fields["bankType"], "EVP");
    });

    it("Indonesia: payIn, paymentLink, payOut, accountVerify and the voucher", () => {
        const person = { username: "Budi", mobile: "081234567890", email: "budi@example.com" };
        const payIn = Indonesia.payin({ tradeNo: "ID1", amount: 100000, ...person, channelCode: "EWALLET",
            wayCode: "DANA", notifyUrl: NOTIFY });
        assert.equal(payIn.endpoint, "payIn");
        assert.deepEqual(payIn.fields, { tradeNo: "ID1", amount: "100000", username: "Budi", mobile: "081234567890",
            email: "budi@example.com", channelCode: "EWALLET", wayCode: "DANA", notifyUrl: NOTIFY });
        assert.equal(Indonesia.paymentLink({ tradeNo: "ID2", amount: "5000", ...person }).endpoint, "paymentLink");
        const payOut = Indonesia.payout({ tradeNo: "ID3", amount: "20000", customerName: "Budi", mobile: "081234567890",
            email: "budi@example.com", bankAccountNo: "1234567890123", bankCode: "0002" });
        assert.equal(payOut.endpoint, "payOut");
        assert.equal(payOut.fields["bankCode"], "0002");
        const verify = Indonesia.accountVerify({ bankAccountNo: "1234567890123", bankCode: "0002" });
        assert.equal(verify.endpoint, "accountVerify");
        assert.deepEqual(verify.fields, { bankAccountNo: "1234567890123", bankCode: "0002" });
        const voucher = Indonesia.voucher("ID1");
        assert.equal(voucher.endpoint, "indonesia/query/voucher");
        assert.deepEqual(voucher.fields, { tradeNo: "ID1" });
        assert.throws(() => Indonesia.accountVerify({ bankAccountNo: "1", bankCode: "" }), /bankCode is required/);
    });

    it("Pakistan: payinApi (H2H), payin (page) and payout to bank or wallet", () => {
        const person = { name: "Ali Khan", mobile: "03001234567", email: "ali@gmail.com" };
        const api = Pakistan.payin({ tradeNo: "PK1", amount: "500", ...person, paymentType: "easypaisa" });
        assert.equal(api.endpoint, "payinApi");
        assert.equal(api.fields["paymentType"], "easypaisa");
        const page = Pakistan.paymentPage({ tradeNo: "PK2", amount: "500", ...person, customerCert: "3520212345671",
            remark: "r" });
        assert.equal(page.endpoint, "payin");
        assert.equal(page.operation, "hostedPayin");
        const payout = Pakistan.payout({ tradeNo: "PK3", amount: "100", ...person, customerCert: "3520212345671",
            accountType: "WALLET", bankName: "EASYPAISA", bankNumber: "03001234567", remark: "r" });
        assert.equal(payout.endpoint, "payout");
        assert.deepEqual(Object.keys(payout.fields).sort(), ["accountType", "amount", "bankName", "bankNumber",
            "customerCert", "email", "mobile", "name", "remark", "tradeNo"]);
    });

    it("Philippines: payIn and paymentLink by payType, payOut", () => {
        const payIn = Philippines.payin({ tradeNo: "PH1", amount: "1000.50", payType: "GCash QR",
            returnUrl: "https://merchant.example/back" });
        assert.equal(payIn.endpoint, "payIn");
        assert.equal(payIn.fields["payType"], "GCash QR");
        assert.equal(Philippines.paymentLink({ tradeNo: "PH2", amount: "1", payType: "Maya",
            returnUrl: "https://m.example/b" }).endpoint, "paymentLink");
        const payOut = Philippines.payout({ tradeNo: "PH3", amount: "10", customerName: "Jose", bankCode: "GCASH",
            bankAccountNo: "09171234567" });
        assert.equal(payOut.endpoint, "payOut");
    });

    it("India: payinApi, payin (cashier) and IFSC payout", () => {
        const person = { name: "Asha", mobile: "9876543210", email: "asha@gmail.com", ipAddress: "203.0.113.7" };
        const api = India.payin({ tradeNo: "IN1", amount: "100", ...person, returnUrl: "https://m.example/r" });
        assert.equal(api.endpoint, "payinApi");
        assert.equal(api.fields["ipAddress"], "203.0.113.7");
        assert.equal(India.cashier({ tradeNo: "IN2", amount: "100", ...person, returnUrl: "https://m.example/r" })
            .endpoint, "payin");
        const payout = India.payout({ tradeNo: "IN3", amount: "100", ...person, bankNumber: "123456789012",
            bankCode: "SBIN0001234" });
        assert.equal(payout.endpoint, "payout");
        assert.equal(payout.fields["bankCode"], "SBIN0001234");
    });

    it("Kenya: payin, payinConsole, payout and queryResultByCode under /api", () => {
        const payin = Kenya.payin({ tradeNo: "KE1", amount: 1000, mobile: "254712345678" });
        assert.equal(payin.endpoint, "payin");
        assert.deepEqual(payin.fields, { tradeNo: "KE1", amount: "1000", mobile: "254712345678" });
        assert.equal(Kenya.payinConsole({ tradeNo: "KE2", amount: "10" }).endpoint, "payinConsole");
        assert.equal(Kenya.payout({ tradeNo: "KE3", amount: "10", mobile: "254712345678" }).endpoint, "payout");
        const byCode = Kenya.queryResultByCode("S63MZ9AEPQ");
        assert.equal(byCode.endpoint, "queryResultByCode");
        assert.deepEqual(byCode.fields, { code: "S63MZ9AEPQ" });
        assert.equal(queryPayin("KE", "KE1").endpoint, "queryPayinResult");
    });

    it("Egypt: payIn with payer, payOut to a wallet", () => {
        const payIn = Egypt.payin({ tradeNo: "EG1", amount: "500", payer: "Omar", mobile: "01012345678",
            email: "omar@example.com" });
        assert.equal(payIn.endpoint, "payIn");
        assert.equal(payIn.fields["payer"], "Omar");
        const payOut = Egypt.payout({ tradeNo: "EG2", amount: "500", walletId: "01012345678", customerName: "Omar" });
        assert.equal(payOut.endpoint, "payOut");
        assert.equal(payOut.fields["walletId"], "01012345678");
    });

    it("Mexico: payInApi, paymentLink and SPEI payOut", () => {
        const api = Mexico.payin({ tradeNo: "MX1", amount: "500", wayCode: "store", payer: "Ana" });
        assert.equal(api.endpoint, "payInApi");
        assert.equal(Mexico.paymentLink({ tradeNo: "MX2", amount: "500" }).endpoint, "paymentLink");
        const payOut = Mexico.payout({ tradeNo: "MX3", amount: "500", wayCode: "012", customerAccountType: "CLABE",
            customerAccount: "012180001234567897" });
        assert.equal(payOut.endpoint, "payOut");
        assert.equal(payOut.fields["customerAccountType"], "CLABE");
    });

    it("Bangladesh: payin, payout and payinSubmit, with PayPro's and the white-label brand's codes", () => {
        const payin = Bangladesh.payin({ tradeNo: "BD1", amount: "500", wayCode: "EWALLET_BKASH" });
        assert.equal(payin.endpoint, "payin");
        assert.equal(Bangladesh.payin({ tradeNo: "BD1", amount: "500", wayCode: "BKASH" }).fields["wayCode"], "BKASH");
        const payout = Bangladesh.payout({ tradeNo: "BD2", amount: "500", walletId: "01712345678", wayCode: "NAGAD" });
        assert.equal(payout.endpoint, "payout");
        assert.deepEqual(payout.fields, { tradeNo: "BD2", amount: "500", walletId: "01712345678", wayCode: "NAGAD" });
        const submit = Bangladesh.payinSubmit({ tradeNo: "BD1", trxId: "TRX12345" });
        assert.equal(submit.endpoint, "payinSubmit");
        assert.deepEqual(submit.fields, { tradeNo: "BD1", trxId: "TRX12345" });
        const whiteLabel = Bangladesh.payinSubmit({ platFormTradeNo: "k3v9q2m8x1z7w4pa", trxId: "TRX12345" });
        assert.deepEqual(whiteLabel.fields, { platFormTradeNo: "k3v9q2m8x1z7w4pa", trxId: "TRX12345" });
        assert.throws(() => Bangladesh.payinSubmit({ trxId: "TRX12345" }), /tradeNo or platFormTradeNo/);
        assert.throws(() => Bangladesh.payinSubmit({ tradeNo: "BD1", trxId: "" }), /trxId is required/);
    });

    it("Nigeria: payIn by channelCode, payOut by NUBAN", () => {
        const payIn = Nigeria.payin({ tradeNo: "NG1", amount: "2500.50", channelCode: "EWALLET", wayCode: "PALMPAY",
            username: "Ada", mobile: "08012345678", email: "ada@example.com" });
        assert.equal(payIn.endpoint, "payIn");
        assert.equal(payIn.fields["channelCode"], "EWALLET");
        const payOut = Nigeria.payout({ tradeNo: "NG2", amount: "100", bankCode: "058", bankAccountNo: "0123456789",
            customerName: "Ada" });
        assert.equal(payOut.endpoint, "payOut");
    });

    it("Vietnam: payin by VietQR and bank payout under /v1/payproVN", () => {
        const payin = Vietnam.payin({ tradeNo: "VN1", amount: "50000", bankName: "VietQR" });
        assert.equal(payin.endpoint, "payin");
        assert.equal(payin.country, "VN");
        const payout = Vietnam.payout({ tradeNo: "VN2", amount: "50000", accountName: "NGUYEN VAN A",
            bankName: "ACB", bankNumber: "12345678" });
        assert.deepEqual(payout.fields, { tradeNo: "VN2", amount: "50000", accountName: "NGUYEN VAN A",
            bankName: "ACB", bankNumber: "12345678" });
    });

    it("shared queries and balance exist for every country under its own names", () => {
        for (const code of Object.keys(Countries) as (keyof typeof Countries)[]) {
            assert.deepEqual(queryPayin(code, "T1").fields, { tradeNo: "T1" });
            assert.equal(queryPayout(code, "T1").operation, "queryPayout");
            assert.deepEqual(queryBalance(code).fields, {});
        }
        assert.throws(() => queryPayin("BR", ""), /tradeNo is required/);
    });
});

describe("field rules shared by every builder", () => {
    it("extra fields are sent as given: requests stay open for fields the types do not name", () => {
        const request = Brazil.payin({ tradeNo: "BR1", amount: "1", name: "n", identityType: "CPF",
            userIdentity: "12345678909", remark: "r", someNewField: "x", flag: true, count: 3n });
        assert.equal(request.fields["someNewField"], "x");
        assert.equal(request.fields["flag"], "true");
        assert.equal(request.fields["count"], "3");
    });

    it("undefined, null and empty values are left out", () => {
        const request = Kenya.payinConsole({ tradeNo: "KE1", amount: "10", name: "", remark: undefined,
            legacyField: null });
        assert.deepEqual(request.fields, { tradeNo: "KE1", amount: "10" });
    });

    it("tradeNo and amount are required on every creation", () => {
        assert.throws(() => Vietnam.payin({ tradeNo: "", amount: "50000", bankName: "VietQR" }), /tradeNo is required/);
        assert.throws(() => Egypt.payout({ tradeNo: "E", amount: " ", walletId: "1", customerName: "c" }),
            /amount is required/);
    });

    it("a sign field, nested values and exponent numbers are refused", () => {
        assert.throws(() => toFields({ sign: "abc" }), /computes the sign/);
        assert.throws(() => toFields({ a: { b: 1 } }), /flat/);
        assert.throws(() => toFields({ a: [1] }), /array/);
        assert.throws(() => toFields({ amount: 1e21 }), /plain decimal string/);
        assert.throws(() => toFields({ amount: Number.NaN }), /plain decimal string/);
    });

    it("built requests are frozen", () => {
        const request = Egypt.payin({ tradeNo: "E1", amount: "100", payer: "p", mobile: "01012345678",
            email: "e@x.com" });
        assert.equal(Object.isFrozen(request), true);
        assert.equal(Object.isFrozen(request.fields), true);
    });

    it("the generic builder reaches any operation of any country", () => {
        assert.equal(buildRequest("ID", "hostedPayin", { tradeNo: "1", amount: "1" }).endpoint, "paymentLink");
        assert.throws(() => buildRequest("XX" as never, "payin", {}), /unknown country/);
    });
});
