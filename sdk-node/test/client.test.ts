import assert from "node:assert/strict";
import { type IncomingMessage, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import {
    ApiResult, Bangladesh, Kenya, PayProClient, PayProError, amountUnits, isFinalStatus, paymentPageUrl, readEnvelope,
    tradeStatus, verifySignature,
} from "../src/index.js";

describe("two-layer results (spec §1.6)", () => {
    it("0000 is accepted, 8000 refused, 5000 outcome unknown", () => {
        const accepted = new ApiResult("0000", "success", true, 1, { status: "0015" });
        const refused = new ApiResult("8000", "duplicate tradeNo", false, 1, undefined);
        const unknown = new ApiResult("5000", "system error", false, 1, undefined);
        assert.deepEqual([accepted.accepted, accepted.rejected, accepted.outcomeUnknown], [true, false, false]);
        assert.deepEqual([refused.accepted, refused.rejected, refused.outcomeUnknown], [false, true, false]);
        assert.deepEqual([unknown.accepted, unknown.rejected, unknown.outcomeUnknown], [false, false, true]);
        assert.deepEqual(accepted.dataOrThrow(), { status: "0015" });
        assert.throws(() => unknown.dataOrThrow(), (error: unknown) => error instanceof PayProError
            && error.gatewayCode === "5000" && error.outcomeUnknown);
        assert.throws(() => new ApiResult("0000", "success", true, 1, undefined).dataOrThrow(), /has no data/);
    });

    it("the business status is read from data.status: unknown codes are final failures", () => {
        assert.equal(tradeStatus("0000"), "SUCCESS");
        assert.equal(tradeStatus("0015"), "PROCESSING");
        assert.equal(tradeStatus("0001"), "PARTIAL");
        assert.equal(tradeStatus("00029"), "FAILED");
        assert.equal(tradeStatus("0100019"), "FAILED");
        assert.equal(isFinalStatus("0015"), false);
        assert.equal(isFinalStatus("00032"), true);
        assert.throws(() => tradeStatus(undefined), /no status/);
    });

    it("envelopes are read with string or boolean success and string or number code", () => {
        const result = readEnvelope("u", { httpStatus: 200, body: '{"msg":"success","code":"0000","timestamp":'
            + '1730000000123,"success":true,"data":{"tradeNo":"T"}}' });
        assert.equal(result.accepted, true);
        assert.equal(result.timestamp, 1730000000123);
        assert.deepEqual(result.data, { tradeNo: "T" });
        const strings = readEnvelope("u", { httpStatus: 200, body: '{"msg":"x","code":8000,"timestamp":"5",'
            + '"success":"false","data":null}' });
        assert.equal(strings.code, "8000");
        assert.equal(strings.success, false);
        assert.equal(strings.timestamp, 5);
        assert.equal(strings.data, undefined);
    });

    it("anything that is not an envelope is a transport error with the status and the start of the body", () => {
        assert.throws(() => readEnvelope("http://g/x", { httpStatus: 502, body: "<html>bad gateway</html>" }),
            (error: unknown) => error instanceof PayProError && error.kind === "transport" && error.httpStatus === 502
                && /HTTP 502, body '<html>bad gateway<\/html>'/.test(error.message));
        assert.throws(() => readEnvelope("u", { httpStatus: 200, body: '{"data":{}}' }), /no code/);
        assert.throws(() => readEnvelope("u", { httpStatus: 200, body: "[1]" }), /not an object/);
    });

    it("amounts become exact units of 1/10,000", () => {
        assert.equal(amountUnits("898.5000"), 8_985_000n);
        assert.equal(amountUnits("150"), 1_500_000n);
        assert.equal(amountUnits("0.5"), 5_000n);
        assert.equal(amountUnits("-1.25"), -12_500n);
        assert.equal(amountUnits("99999999999999999.9999"), 999_999_999_999_999_999_999n);
        assert.throws(() => amountUnits("1e3"), RangeError);
        assert.throws(() => amountUnits("1.00001"), RangeError);
    });

    it("the payment page is paymentUrl, or the white-label paymentLink", () => {
        assert.equal(paymentPageUrl({ tradeNo: "T", platFormTradeNo: "P", status: "0015", paymentUrl: "a" }), "a");
        assert.equal(paymentPageUrl({ tradeNo: "T", platFormTradeNo: "P", status: "0015", paymentLink: "b" }), "b");
    });
});

describe("client options", () => {
    const base = { baseUrl: "http://127.0.0.1:1", merchantNo: "1234567890", secretKey: "s" };

    it("names the option to fix", () => {
        assert.throws(() => new PayProClient({ ...base, baseUrl: "" }), /baseUrl is required/);
        assert.throws(() => new PayProClient({ ...base, baseUrl: "ftp://x" }), /baseUrl must look like/);
        assert.throws(() => new PayProClient({ ...base, baseUrl: "http://x/?q=1" }), /without query/);
        assert.throws(() => new PayProClient({ ...base, merchantNo: " " }), /merchantNo is required/);
        assert.throws(() => new PayProClient({ ...base, secretKey: "" }), /secretKey is required/);
        assert.throws(() => new PayProClient({ ...base, country: "XX" as never }), /unknown country 'XX'/);
        assert.throws(() => new PayProClient({ ...base, family: "v1/x/" }), /family must be empty or start/);
        assert.throws(() => new PayProClient({ ...base, timeoutMs: 0 }), /timeoutMs/);
    });

    it("builds paths from base path, family and endpoint", () => {
        assert.equal(new PayProClient({ ...base, country: "KE" }).pathOf("payin"), "/api/payin");
        assert.equal(new PayProClient({ ...base, country: "KE", useCountryBasePath: true }).pathOf("payin"),
            "/kenya-pay/api/payin");
        assert.equal(new PayProClient({ ...base, country: "VN" }).pathOf("payout"), "/v1/payproVN/payout");
        assert.equal(new PayProClient({ ...base, baseUrl: "http://h/", basePath: "/proxy" }).pathOf("payin"),
            "/proxy/v1/paypro/payin");
        assert.throws(() => new PayProClient(base).pathOf("/payin"), /name like 'payin'/);
    });

    it("refuses a request built for another country, and an endpoint the country lacks", async () => {
        const brazil = new PayProClient(base);
        await assert.rejects(brazil.send(Kenya.payout({ tradeNo: "T", amount: "1", mobile: "254712345678" })),
            /built for KE but this client speaks BR/);
        await assert.rejects(brazil.accountVerify({ bankAccountNo: "1", bankCode: "2" }),
            /Brazil \(BR\) has no accountVerify endpoint/);
    });
});

describe("client on the wire (a local HTTP server records what arrives)", () => {
    const seen: Array<{ url: string; headers: IncomingMessage["headers"]; body: string }> = [];
    const server = createServer(async (request, response) => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) {
            chunks.push(chunk as Buffer);
        }
        seen.push({ url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        response.setHeader("Content-Type", "application/json");
        if (request.url?.endsWith("/huge")) {
            response.end(JSON.stringify({ code: "0000", data: { pad: "x".repeat(1024 * 1024) } }));
            return;
        }
        response.end('{"msg":"success","code":"0000","timestamp":1,"success":true,"data":{"availablAmount":"1.0000",'
            + '"freezeAmount":"0.0000","unsettledAmount":"0.0000","paymentLink":"http://p"}}');
    });
    let baseUrl = "";

    before(async () => {
        await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
        baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
        await new Promise<void>((closed) => server.close(() => closed()));
    });

    it("sends merchantNo, JSON content type, string fields, a fresh timestamp and a valid sign", async () => {
        const client = new PayProClient({ baseUrl, merchantNo: "1234567890", secretKey: "k".repeat(32), country: "BD",
            now: () => 1_700_000_000_000 });
        await client.payout(Bangladesh.payout({ tradeNo: "BD1", amount: 500, walletId: "01712345678",
            wayCode: "BKASH" }));
        const request = seen.at(-1)!;
        assert.equal(request.url, "/v1/paypro/payout");
        assert.equal(request.headers["merchantno"], "1234567890");
        assert.equal(request.headers["content-type"], "application/json");
        const body = JSON.parse(request.body) as Record<string, string>;
        assert.deepEqual(Object.keys(body).sort(), ["amount", "sign", "timestamp", "tradeNo", "walletId", "wayCode"]);
        assert.equal(body["amount"], "500");
        assert.equal(body["timestamp"], "1700000000000");
        assert.equal(verifySignature(body, "k".repeat(32), body["sign"]), true);
    });

    it("two identical requests in the same millisecond get different timestamps, hence different signs", async () => {
        const client = new PayProClient({ baseUrl, merchantNo: "1", secretKey: "s", now: () => 1_700_000_000_000 });
        await Promise.all([client.queryPayin("T1"), client.queryPayin("T1")]);
        const [first, second] = seen.slice(-2).map((request) => JSON.parse(request.body) as Record<string, string>);
        assert.deepEqual([first?.["timestamp"], second?.["timestamp"]].sort(), ["1700000000000", "1700000000001"]);
        assert.notEqual(first?.["sign"], second?.["sign"]);
    });

    it("white-label endpoint names and family replace the country's (checkout, disbursements)", async () => {
        const client = new PayProClient({ baseUrl, merchantNo: "1", secretKey: "s", country: "BD",
            family: "/v1/acmepay", endpointNames: { hostedPayin: "checkout", payin: "checkout",
                payout: "disbursements" } });
        const answer = await client.payin(Bangladesh.payin({ tradeNo: "BD2", amount: "10", wayCode: "BKASH" }));
        assert.equal(seen.at(-1)?.url, "/v1/acmepay/checkout");
        assert.equal(paymentPageUrl(answer.dataOrThrow() as never), "http://p");
        const hostedOnly = new PayProClient({ baseUrl, merchantNo: "1", secretKey: "s", country: "BD",
            family: "/v1/acmepay", endpointNames: { hostedPayin: "checkout" } });
        await hostedOnly.hostedPayin(Bangladesh.payin({ tradeNo: "BD4", amount: "10", wayCode: "BKASH" }));
        assert.equal(seen.at(-1)?.url, "/v1/acmepay/checkout");
        await client.payout({ tradeNo: "BD3", amount: "10", walletId: "01712345678", wayCode: "NAGAD" });
        assert.equal(seen.at(-1)?.url, "/v1/acmepay/disbursements");
        await client.payinSubmit(Bangladesh.payinSubmit({ platFormTradeNo: "abc", trxId: "TRX1" }));
        assert.deepEqual(Object.keys(JSON.parse(seen.at(-1)!.body)).sort(),
            ["platFormTradeNo", "sign", "timestamp", "trxId"]);
    });

    it("reads the guide's misspelt availablAmount as availableAmount", async () => {
        const client = new PayProClient({ baseUrl, merchantNo: "1", secretKey: "s" });
        assert.equal((await client.queryBalance()).dataOrThrow().availableAmount, "1.0000");
    });

    it("sends the sign in the header and not in the body when asked", async () => {
        const client = new PayProClient({ baseUrl, merchantNo: "1", secretKey: "s", signInHeader: true });
        await client.call("queryBalance");
        const request = seen.at(-1)!;
        assert.match(String(request.headers["sign"]), /^[0-9a-f]{32}$/);
        assert.equal(JSON.parse(request.body)["sign"], undefined);
    });

    it("refuses an answer larger than 1 MiB", async () => {
        const client = new PayProClient({ baseUrl, merchantNo: "1", secretKey: "s" });
        await assert.rejects(client.call("huge"), /refusing to read it/);
    });
});

describe("postRaw", () => {
    it("posts the body with its JSON types, signs it over those values, and returns the answer uninterpreted",
        async () => {
            let received = "";
            const server = createServer(async (request, response) => {
                for await (const chunk of request) {
                    received += String(chunk);
                }
                response.statusCode = 418;
                response.end("teapot");
            });
            await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
            try {
                const client = new PayProClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
                    merchantNo: "1", secretKey: "k" });
                const answer = await client.postRaw("/v1/paypro/queryBalance", { timestamp: 1724151084278 });
                assert.deepEqual(answer, { httpStatus: 418, body: "teapot" });
                const body = JSON.parse(received) as Record<string, unknown>;
                assert.equal(body["timestamp"], 1724151084278);
                assert.equal(verifySignature(body, "k", String(body["sign"])), true);
                const unsigned = await client.postRaw("/x", { a: "1" }, false);
                assert.equal(unsigned.httpStatus, 418);
                assert.deepEqual(JSON.parse(received.slice(received.lastIndexOf("{"))), { a: "1" });
            } finally {
                await new Promise<void>((closed) => server.close(() => closed()));
            }
        });
});
