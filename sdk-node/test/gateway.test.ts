/**
 * End to end against the real gateway: the server jar in sandbox mode (its own embedded PostgreSQL), merchants
 * created and funded through the operator API, every call through the SDK, callbacks received by a local
 * `node:http` receiver whose routes are the SDK's notify handler. Brazil, Kenya, Bangladesh, Indonesia, Pakistan
 * and Vietnam; the ledger check must pass at the end. Everything on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
    type CountryCode, type PayinData, type PayProRequest, type PayoutData, Bangladesh, Brazil, Indonesia, Kenya,
    PayProClient, PayProError, Pakistan, Vietnam, amountUnits, hmacSignature, paymentPageUrl,
} from "../src/index.js";
import { Gateway, type TestMerchant } from "./support/gateway.js";
import { NotifyReceiver } from "./support/receiver.js";

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

let gateway: Gateway;
let receiver: NotifyReceiver;

before(async () => {
    receiver = await NotifyReceiver.start();
    gateway = await Gateway.start();
});

after(async () => {
    await receiver?.stop();
    await gateway?.stop();
});

interface Account {
    readonly merchant: TestMerchant;
    readonly client: PayProClient;
    readonly notifyUrl: string;
}

async function account(country: CountryCode, funds?: string, options: { raw?: boolean; countryPath?: boolean;
        settings?: Record<string, string> } = {}): Promise<Account> {
    const merchant = await gateway.merchant(country, funds, options.settings);
    const client = new PayProClient({ baseUrl: gateway.baseUrl, merchantNo: merchant.merchantNo,
        secretKey: merchant.secretKey, country, useCountryBasePath: options.countryPath === true });
    return { merchant, client, notifyUrl: receiver.register(merchant.merchantNo, merchant.secretKey, country,
        options.raw === true) };
}

/** Creates a pay-in, pays it with the sandbox API, and checks callback, delivery (`OK`) and query. */
async function paidPayin(account: Account, request: PayProRequest<PayinData>, hosted = false): Promise<PayinData> {
    const created = hosted ? await account.client.hostedPayin(request) : await account.client.payin(request);
    assert.equal(created.code, "0000", `${created.code} ${created.msg}`);
    assert.equal(created.accepted, true);
    const data = created.dataOrThrow();
    assert.equal(data.tradeNo, request.fields["tradeNo"]);
    assert.equal(data.status, "0015");
    assert.match(data.platFormTradeNo, /^[0-9a-z]{16}$/);
    assert.ok(paymentPageUrl(data)?.startsWith(gateway.baseUrl), `payment page ${paymentPageUrl(data)}`);

    const processing = (await account.client.queryPayin(data.tradeNo)).dataOrThrow();
    assert.equal(processing.status, "0015");

    const callback = receiver.next(data.tradeNo);
    await gateway.complete(data.platFormTradeNo, "0000");
    const notification = await callback;
    assert.equal(notification.status, "0000");
    assert.equal(notification.tradeStatus, "SUCCESS");
    assert.equal(notification.platFormTradeNo, data.platFormTradeNo);
    assert.match(notification.successTime ?? "", LOCAL_TIME);

    const query = await account.client.queryPayin(data.tradeNo);
    const result = query.dataOrThrow();
    assert.equal(result.status, "0000");
    assert.equal(result.amount, request.fields["amount"]);
    assert.match(result.successTime ?? "", LOCAL_TIME);

    const attempts = await gateway.deliveredNotification(data.platFormTradeNo);
    const last = attempts[attempts.length - 1] as Record<string, unknown>;
    assert.equal(last["httpStatus"], 200);
    assert.equal(last["response"], "OK");
    return data;
}

/** Creates a payout, finishes it with the sandbox API as `outcome`, checks callback and query. */
async function finishedPayout(account: Account, request: PayProRequest<PayoutData>, outcome: "0000" | "00029"):
        Promise<PayoutData> {
    const created = await account.client.payout(request);
    assert.equal(created.code, "0000", `${created.code} ${created.msg}`);
    const data = created.dataOrThrow();
    assert.equal(data.status, "0015");
    const callback = receiver.next(data.tradeNo);
    await gateway.complete(data.platFormTradeNo, outcome, outcome === "00029" ? "account closed" : undefined);
    const notification = await callback;
    assert.equal(notification.status, outcome);
    assert.equal(notification.tradeStatus, outcome === "0000" ? "SUCCESS" : "FAILED");
    const result = (await account.client.queryPayout(data.tradeNo)).dataOrThrow();
    assert.equal(result.status, outcome);
    if (outcome === "00029") {
        assert.equal(result.message, "account closed");
        assert.equal(result.successTime, undefined);
    }
    await gateway.deliveredNotification(data.platFormTradeNo);
    return data;
}

describe("Brazil end to end", () => {
    let brazil: Account;

    before(async () => {
        brazil = await account("BR", "1000.00", { raw: true,
            settings: { payinFeeRate: "0.015", payoutFeeFixed: "1.00" } });
    });

    it("a PIX pay-in is created, paid in the sandbox, called back (Express raw body), answered OK and queried",
        async () => {
            const data = await paidPayin(brazil, Brazil.payin({ tradeNo: "BR-PAYIN-1", amount: "150.00",
                name: "Maria Souza", identityType: "CPF", userIdentity: "12345678909", notifyUrl: brazil.notifyUrl,
                remark: "first order" }));
            assert.match(String(data.qrCode), /^000201/);
            assert.equal(data.remark, "first order");
        });

    it("a PIX payout freezes amount plus fee, succeeds, and the balance shows every layer exactly", async () => {
        const request = Brazil.payout({ tradeNo: "BR-PAYOUT-1", amount: "100.00", name: "Joao Lima",
            email: "joao@example.com", mobile: "+5511987654321", bankType: "CPF", bankNumber: "12345678909",
            identityType: "CPF", userIdentity: "12345678909", notifyUrl: brazil.notifyUrl, remark: "cash out" });
        const created = (await brazil.client.payout(request)).dataOrThrow();
        const during = (await brazil.client.queryBalance()).dataOrThrow();
        assert.equal(amountUnits(during.freezeAmount), 1_010_000n);
        assert.equal(during.availableAmount, "899.0000");

        const callback = receiver.next(created.tradeNo);
        await gateway.complete(created.platFormTradeNo, "0000");
        assert.equal((await callback).tradeStatus, "SUCCESS");
        const balance = await brazil.client.queryBalance();
        assert.equal(balance.accepted, true);
        assert.deepEqual({ ...balance.dataOrThrow() }, { availableAmount: "899.0000", freezeAmount: "0.0000",
            unsettledAmount: "147.7500" });
    });

    it("a failed payout is called back as FAILED and gives amount and fee back", async () => {
        await finishedPayout(brazil, Brazil.payout({ tradeNo: "BR-PAYOUT-2", amount: "50.00", name: "Joao Lima",
            email: "joao@example.com", mobile: "+5511987654321", bankType: "EMAIL", bankNumber: "joao@example.com",
            identityType: "CPF", userIdentity: "12345678909", notifyUrl: brazil.notifyUrl, remark: "cash out" }),
        "00029");
        assert.equal((await brazil.client.queryBalance()).dataOrThrow().availableAmount, "899.0000");
    });

    it("the country base path /brz-pay works like the bare path", async () => {
        const viaCountryPath = new PayProClient({ baseUrl: gateway.baseUrl, merchantNo: brazil.merchant.merchantNo,
            secretKey: brazil.merchant.secretKey, country: "BR", useCountryBasePath: true });
        assert.equal(viaCountryPath.pathOf("payin"), "/brz-pay/v1/paypro/payin");
        const result = (await viaCountryPath.queryPayin("BR-PAYIN-1")).dataOrThrow();
        assert.equal(result.status, "0000");
    });

    it("a refused request is 8000 with a precise msg, no data, and creates nothing (two-layer result)", async () => {
        const duplicate = await brazil.client.payin(Brazil.payin({ tradeNo: "BR-PAYIN-1", amount: "1.00",
            name: "Maria Souza", identityType: "CPF", userIdentity: "12345678909", notifyUrl: brazil.notifyUrl,
            remark: "again" }));
        assert.equal(duplicate.code, "8000");
        assert.equal(duplicate.rejected, true);
        assert.equal(duplicate.accepted, false);
        assert.equal(duplicate.outcomeUnknown, false);
        assert.equal(duplicate.success, false);
        assert.equal(duplicate.msg, "duplicate tradeNo");
        assert.equal(duplicate.data, undefined);
        assert.throws(() => duplicate.dataOrThrow(), (error: unknown) => error instanceof PayProError
            && error.kind === "notAccepted" && error.gatewayCode === "8000" && error.gatewayMsg === "duplicate tradeNo"
            && !error.outcomeUnknown);

        const missing = await brazil.client.payin({ tradeNo: "BR-PAYIN-2", amount: "10.00",
            notifyUrl: brazil.notifyUrl });
        assert.equal(missing.code, "8000");
        assert.equal(missing.msg, "missing field: name");
        const notFound = await brazil.client.queryPayin("BR-PAYIN-2");
        assert.equal(notFound.msg, "order not found");

        const wrongKey = new PayProClient({ baseUrl: gateway.baseUrl, merchantNo: brazil.merchant.merchantNo,
            secretKey: "0".repeat(32) });
        const refused = await wrongKey.queryBalance();
        assert.equal(refused.rejected, true);
        assert.match(refused.msg ?? "", /sign/);
    });

    it("a sign sent in the header instead of the body is accepted", async () => {
        const headerSigned = new PayProClient({ baseUrl: gateway.baseUrl, merchantNo: brazil.merchant.merchantNo,
            secretKey: brazil.merchant.secretKey, signInHeader: true });
        assert.equal((await headerSigned.queryBalance()).code, "0000");
    });

    it("a merchant that opted in to HMAC-SHA256 is served with hmacSignature() and refused without it", async () => {
        const merchant = await gateway.merchant("BR");
        const patched = await gateway.admin("PATCH", `/admin/v1/merchants/${merchant.merchantNo}`,
            { signatureScheme: "HMAC_SHA256" });
        assert.equal(patched.status, 200);
        const options = { baseUrl: gateway.baseUrl, merchantNo: merchant.merchantNo, secretKey: merchant.secretKey };
        const hmac = new PayProClient({ ...options, signatureHeaders: hmacSignature(merchant.secretKey) });
        assert.equal((await hmac.queryBalance()).code, "0000");
        const legacy = await new PayProClient(options).queryBalance();
        assert.equal(legacy.code, "8000");
        assert.match(legacy.msg ?? "", /requires the X-OpenPayPro-Signature header/);
        const wrongKey = new PayProClient({ ...options, signatureHeaders: hmacSignature("f".repeat(32)) });
        assert.equal((await wrongKey.queryBalance()).msg, "X-OpenPayPro-Signature mismatch");
    });

    it("the signature extension point sees the exact body bytes and path, and its headers are sent", async () => {
        const seen: string[] = [];
        const hooked = new PayProClient({ baseUrl: gateway.baseUrl, merchantNo: brazil.merchant.merchantNo,
            secretKey: brazil.merchant.secretKey, signatureHeaders: (request) => {
                seen.push(`${request.method} ${request.path} ${Buffer.from(request.body).toString("utf8")}`);
                return { "X-Test-Extension": "1" };
            } });
        assert.equal((await hooked.queryBalance()).code, "0000");
        assert.equal(seen.length, 1);
        assert.match(seen[0] as string,
            /^POST \/v1\/paypro\/queryBalance \{"timestamp":"\d{13}","sign":"[0-9a-f]{32}"\}$/);
    });
});

describe("Kenya end to end (/api, unsigned callbacks)", () => {
    let kenya: Account;

    before(async () => {
        kenya = await account("KE", "5000");
    });

    it("an M-Pesa pay-in is paid, its unsigned callback carries a 4-decimal amount, and the code query finds it",
        async () => {
            const data = await paidPayin(kenya, Kenya.payin({ tradeNo: "KE-PAYIN-1", amount: "1000",
                mobile: "254712345678", notifyUrl: kenya.notifyUrl }));
            assert.match(String(data.serialNumber), /^[A-Z0-9]{10}$/);
            const byCode = (await kenya.client.queryResultByCode(String(data.serialNumber))).dataOrThrow();
            assert.equal(byCode.tradeNo, "KE-PAYIN-1");
            assert.equal(byCode.status, "0000");
        });

    it("the callback is passed on as unsigned with Kenya's amount", async () => {
        const created = (await kenya.client.hostedPayin(Kenya.payinConsole({ tradeNo: "KE-PAYIN-2", amount: "20",
            notifyUrl: kenya.notifyUrl }))).dataOrThrow();
        const callback = receiver.next(created.tradeNo);
        await gateway.complete(created.platFormTradeNo, "0000");
        const notification = await callback;
        assert.equal(notification.signed, false);
        assert.equal(notification.amount, "20.0000");
        assert.equal(notification.timestamp, undefined);
    });

    it("an M-Pesa payout succeeds and is queried on queryPayOutResult", async () => {
        await finishedPayout(kenya, Kenya.payout({ tradeNo: "KE-PAYOUT-1", amount: "300", mobile: "254712345678",
            notifyUrl: kenya.notifyUrl }), "0000");
        assert.equal((await kenya.client.queryBalance()).dataOrThrow().availableAmount, "4700.0000");
    });
});

describe("Bangladesh end to end", () => {
    let bangladesh: Account;

    before(async () => {
        bangladesh = await account("BD", "10000.00");
    });

    it("a bKash pay-in is paid by payinSubmit with the payer's transaction id and called back", async () => {
        const created = (await bangladesh.client.payin(Bangladesh.payin({ tradeNo: "BD-PAYIN-1", amount: "500",
            wayCode: "EWALLET_BKASH", notifyUrl: bangladesh.notifyUrl, returnUrl: "https://merchant.example/done",
            remark: "order 5" }))).dataOrThrow();
        assert.ok(paymentPageUrl(created));
        const callback = receiver.next(created.tradeNo);
        const submitted = await bangladesh.client.payinSubmit(Bangladesh.payinSubmit({ tradeNo: created.tradeNo,
            trxId: "TRX8N7K2M4" }));
        assert.equal(submitted.code, "0000", `${submitted.msg}`);
        const notification = await callback;
        assert.equal(notification.tradeStatus, "SUCCESS");
        assert.equal(notification.signed, true);
        assert.equal((await bangladesh.client.queryPayin(created.tradeNo)).dataOrThrow().status, "0000");
    });

    it("a sandbox-paid pay-in and a Nagad wallet payout go end to end", async () => {
        await paidPayin(bangladesh, Bangladesh.payin({ tradeNo: "BD-PAYIN-2", amount: "250.50",
            wayCode: "EWALLET_NAGAD", notifyUrl: bangladesh.notifyUrl }), true);
        await finishedPayout(bangladesh, Bangladesh.payout({ tradeNo: "BD-PAYOUT-1", amount: "1000",
            walletId: "01712345678", wayCode: "EWALLET_NAGAD", notifyUrl: bangladesh.notifyUrl, remark: "cashout" }),
        "0000");
        assert.equal((await bangladesh.client.queryBalance()).dataOrThrow().availableAmount, "9000.0000");
    });
});

describe("Indonesia end to end", () => {
    let indonesia: Account;

    before(async () => {
        indonesia = await account("ID", "1000000");
    });

    it("an e-wallet pay-in is paid, its signed callback echoes channelCode and wayCode, and its voucher exists",
        async () => {
            await paidPayin(indonesia, Indonesia.payin({ tradeNo: "ID-PAYIN-1", amount: "100000", username: "Budi",
                mobile: "081234567890", email: "budi@example.com", channelCode: "EWALLET", wayCode: "DANA",
                notifyUrl: indonesia.notifyUrl }));
            const voucher = (await indonesia.client.voucher("ID-PAYIN-1")).dataOrThrow();
            assert.match(voucher.url, /\/voucher\/[0-9a-z]{16}\?expires=\d{10}&token=[0-9a-f]+$/);
        });

    it("the callback fields keep the country extras", async () => {
        const created = (await indonesia.client.hostedPayin(Indonesia.paymentLink({ tradeNo: "ID-PAYIN-2",
            amount: "5000", username: "Budi", mobile: "081234567890", email: "budi@example.com", channelCode: "QRIS",
            notifyUrl: indonesia.notifyUrl }))).dataOrThrow();
        const callback = receiver.next(created.tradeNo);
        await gateway.complete(created.platFormTradeNo, "0000");
        const notification = await callback;
        assert.equal(notification.fields["channelCode"], "QRIS");
        assert.equal(notification.signed, true);
    });

    it("a bank payout succeeds and accountVerify names the holder or refuses an unknown account", async () => {
        await finishedPayout(indonesia, Indonesia.payout({ tradeNo: "ID-PAYOUT-1", amount: "20000",
            customerName: "Budi", mobile: "081234567890", email: "budi@example.com", bankAccountNo: "1234567890123",
            bankCode: "0002", notifyUrl: indonesia.notifyUrl }), "0000");
        const known = await indonesia.client.accountVerify({ bankAccountNo: "1234567890123", bankCode: "0002" });
        assert.equal(known.dataOrThrow().bankAccountNo, "1234567890123");
        assert.ok(known.dataOrThrow().bankAccountName.length > 0);
        const unknown = await indonesia.client.accountVerify({ bankAccountNo: "1234560000", bankCode: "0002" });
        assert.equal(unknown.rejected, true);
        assert.equal(unknown.msg, "bank account not found");
    });
});

describe("Pakistan end to end (/v1/payproPK)", () => {
    let pakistan: Account;

    before(async () => {
        pakistan = await account("PK", "100000", { countryPath: true });
    });

    it("an Easypaisa pay-in (payinApi) and a bank payout go end to end on the /pak-pay country path", async () => {
        assert.equal(pakistan.client.pathOf("payinApi"), "/pak-pay/v1/payproPK/payinApi");
        await paidPayin(pakistan, Pakistan.payin({ tradeNo: "PK-PAYIN-1", amount: "500", name: "Ali Khan",
            mobile: "03001234567", email: "ali@gmail.com", paymentType: "easypaisa", notifyUrl: pakistan.notifyUrl }));
        await finishedPayout(pakistan, Pakistan.payout({ tradeNo: "PK-PAYOUT-1", amount: "1500", name: "Ali Khan",
            mobile: "03001234567", email: "ali@example.com", customerCert: "3520212345671", accountType: "BANK",
            bankName: "ALLIED_BANK_LIMITED", bankNumber: "PK36SCBL0000001123456702", remark: "salary",
            notifyUrl: pakistan.notifyUrl }), "0000");
    });
});

describe("Vietnam end to end (/v1/payproVN)", () => {
    let vietnam: Account;

    before(async () => {
        vietnam = await account("VN", "10000000");
    });

    it("a VietQR pay-in and a bank payout go end to end", async () => {
        await paidPayin(vietnam, Vietnam.payin({ tradeNo: "VN-PAYIN-1", amount: "50000", bankName: "VietQR",
            notifyUrl: vietnam.notifyUrl }));
        await finishedPayout(vietnam, Vietnam.payout({ tradeNo: "VN-PAYOUT-1", amount: "200000",
            accountName: "NGUYEN VAN A", bankName: "ACB", bankNumber: "12345678", notifyUrl: vietnam.notifyUrl }),
        "0000");
        assert.equal((await vietnam.client.queryBalance()).dataOrThrow().availableAmount, "9800000.0000");
    });

    it("below the minimum is refused with the gateway's reason", async () => {
        const refused = await vietnam.client.payin(Vietnam.payin({ tradeNo: "VN-PAYIN-2", amount: "49999",
            bankName: "VietQR", notifyUrl: vietnam.notifyUrl }));
        assert.equal(refused.rejected, true);
        assert.equal(refused.msg, "amount is below the minimum of 50000");
    });
});

describe("transport failures and the ledger", () => {
    it("an answer that is not an envelope is a transport PayProError naming the HTTP status", async () => {
        const wrongHost = new PayProClient({ baseUrl: receiver.baseUrl, merchantNo: "1", secretKey: "s" });
        await assert.rejects(wrongHost.queryBalance(), (error: unknown) => error instanceof PayProError
            && error.kind === "transport" && error.httpStatus === 404 && error.outcomeUnknown
            && /is not JSON/.test(error.message));
    });

    it("no gateway listening is a transport PayProError: the outcome is unknown", async () => {
        const stopped = await NotifyReceiver.start();
        const closedUrl = stopped.baseUrl;
        await stopped.stop();
        const client = new PayProClient({ baseUrl: closedUrl, merchantNo: "1", secretKey: "s", timeoutMs: 5_000 });
        await assert.rejects(client.payin({ tradeNo: "X", amount: "1" }), (error: unknown) =>
            error instanceof PayProError && error.outcomeUnknown && /query by tradeNo/.test(error.message));
    });

    it("no callback was refused by the handler, and the ledger check passes after every scenario", async () => {
        assert.deepEqual(receiver.refusals, []);
        const check = await gateway.ledgerCheck();
        assert.equal(check["ok"], true, JSON.stringify(check));
    });
});
