import assert from "node:assert/strict";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import {
    InvalidNotificationError, MAX_NOTIFY_BODY_BYTES, type Notification, NotifyVerifier, notifyHandler, sign,
} from "../src/index.js";

const SECRET = "0123456789abcdef0123456789abcdef";
/** Spec §2.6 V5, as the gateway would send it. */
const V5 = '{"status":"0000","message":"SUCCESS","platFormTradeNo":"5286e98841194687a95d25b5f3be346d",'
    + '"tradeNo":"00000020","amount":"30000","successTime":"2024-07-01 18:34:31","timestamp":"1724740395968",'
    + '"sign":"8a8e14a111d8a3f3a88adf720d3d5436"}';
const KENYA = '{"status":"0000","message":"SUCCESS","platFormTradeNo":"63mz9aepqczdw280","tradeNo":"KE1001",'
    + '"amount":1000.0000,"successTime":"2026-11-26 14:05:09"}';

function signedBody(fields: Record<string, string>): string {
    return JSON.stringify({ ...fields, sign: sign(fields, SECRET) });
}

describe("NotifyVerifier", () => {
    const verifier = new NotifyVerifier(SECRET);

    it("accepts the spec's V5 callback from bytes or text and reads every field", () => {
        for (const body of [Buffer.from(V5, "utf8"), V5]) {
            const notification = verifier.verify(body);
            assert.equal(notification.tradeNo, "00000020");
            assert.equal(notification.platFormTradeNo, "5286e98841194687a95d25b5f3be346d");
            assert.equal(notification.amount, "30000");
            assert.equal(notification.status, "0000");
            assert.equal(notification.tradeStatus, "SUCCESS");
            assert.equal(notification.successTime, "2024-07-01 18:34:31");
            assert.equal(notification.signed, true);
            assert.equal(notification.fields["sign"], undefined);
        }
    });

    it("accepts an upper-case sign and fields it does not know, which are signed too", () => {
        const fields = { tradeNo: "T1", status: "0000", amount: "10", utr: "123456789012" };
        const body = JSON.stringify({ ...fields, sign: sign(fields, SECRET).toUpperCase() });
        assert.equal(verifier.verify(body).fields["utr"], "123456789012");
    });

    it("refuses a changed amount, a missing sign, a wrong secret and a duplicated field", () => {
        assert.throws(() => verifier.verify(V5.replace('"amount":"30000"', '"amount":"30001"')),
            (error: unknown) => error instanceof InvalidNotificationError && /does not match/.test(error.message));
        assert.throws(() => verifier.verify(V5.replace(/,"sign":"[0-9a-f]+"/, "")), /has no sign/);
        assert.throws(() => new NotifyVerifier("f".repeat(32)).verify(V5), /does not match/);
        assert.throws(() => verifier.verify(V5.replace("{", '{"amount":"1",')), /twice/);
    });

    it("signs numbers by their literal text, as sent", () => {
        const fields = { tradeNo: "T1", status: "0000", amount: "1000.0000" };
        const body = `{"tradeNo":"T1","status":"0000","amount":1000.0000,"sign":"${sign(fields, SECRET)}"}`;
        assert.equal(verifier.verify(body).amount, "1000.0000");
    });

    it("maps unknown status codes to a final failure and partial payments to PARTIAL", () => {
        assert.equal(verifier.verify(signedBody({ tradeNo: "T", status: "60019" })).tradeStatus, "FAILED");
        assert.equal(verifier.verify(signedBody({ tradeNo: "T", status: "0001" })).tradeStatus, "PARTIAL");
        assert.equal(verifier.verify(signedBody({ tradeNo: "T", status: "00029" })).tradeStatus, "FAILED");
    });

    it("refuses bodies without tradeNo or status, empty, oversized, nested or not UTF-8", () => {
        assert.throws(() => verifier.verify(signedBody({ status: "0000" })), /no tradeNo/);
        assert.throws(() => verifier.verify(signedBody({ tradeNo: "T" })), /no status/);
        assert.throws(() => verifier.verify(""), /empty/);
        assert.throws(() => verifier.verify("x".repeat(MAX_NOTIFY_BODY_BYTES + 1)), /more than the limit/);
        assert.throws(() => verifier.verify('{"tradeNo":{"a":1}}'), /flat/);
        assert.throws(() => verifier.verify(Uint8Array.from([0x7b, 0xff, 0x7d])), /UTF-8/);
    });

    it("reads Kenya's unsigned callback only through parseUnsigned or verifyFor('KE')", () => {
        assert.throws(() => verifier.verify(KENYA), /has no sign/);
        for (const notification of [verifier.parseUnsigned(KENYA), verifier.verifyFor("KE", KENYA)]) {
            assert.equal(notification.signed, false);
            assert.equal(notification.amount, "1000.0000");
            assert.equal(notification.timestamp, undefined);
            assert.equal(notification.tradeNo, "KE1001");
        }
        assert.throws(() => verifier.verifyFor("BR", KENYA), /has no sign/);
    });

    it("accepts a callback signed by either key during a rotation", () => {
        const rotating = new NotifyVerifier(["a".repeat(32), SECRET]);
        assert.equal(rotating.verify(V5).tradeNo, "00000020");
    });

    it("needs a secret", () => {
        assert.throws(() => new NotifyVerifier(""), /secretKey is required/);
        assert.throws(() => new NotifyVerifier([]), /secretKey is required/);
    });
});

describe("notifyHandler over node:http", () => {
    const received: Notification[] = [];
    let failNext = false;
    let baseUrl = "";
    const handler = notifyHandler({
        verifier: new NotifyVerifier(SECRET),
        onNotification: async (notification) => {
            if (failNext) {
                failNext = false;
                throw new Error("database down");
            }
            received.push(notification);
        },
    });
    const parsedByJsonMiddleware = (request: IncomingMessage, response: ServerResponse): void => {
        (request as IncomingMessage & { body?: unknown; _body?: boolean }).body = JSON.parse(V5);
        (request as IncomingMessage & { _body?: boolean })._body = true;
        void handler(request, response);
    };
    const server = createServer((request, response) => {
        if (request.url === "/parsed") {
            parsedByJsonMiddleware(request, response);
        } else {
            void handler(request, response);
        }
    });

    before(async () => {
        await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
        baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
        await new Promise<void>((closed) => server.close(() => closed()));
    });

    async function post(body: string, path = "/notify"): Promise<[number, string, string | null]> {
        const response = await fetch(baseUrl + path, { method: "POST", body,
            headers: { "Content-Type": "application/json" } });
        return [response.status, await response.text(), response.headers.get("content-type")];
    }

    it("answers 200 and the plain text OK after the merchant's function resolved", async () => {
        const [status, text, type] = await post(V5);
        assert.equal(status, 200);
        assert.equal(text, "OK");
        assert.match(String(type), /^text\/plain/);
        assert.equal(received.at(-1)?.tradeNo, "00000020");
    });

    it("answers 400 without OK to a forged callback, and the merchant's function is not called", async () => {
        const before = received.length;
        const [status, text] = await post(V5.replace('"amount":"30000"', '"amount":"99999"'));
        assert.equal(status, 400);
        assert.notEqual(text, "OK");
        assert.equal(received.length, before);
    });

    it("answers 500 when the merchant's function throws, so the gateway retries", async () => {
        failNext = true;
        const [status, text] = await post(V5);
        assert.equal(status, 500);
        assert.notEqual(text.trim().toUpperCase(), "OK");
    });

    it("refuses a body already parsed by a JSON middleware, naming the fix", async () => {
        const [status, text] = await post(V5, "/parsed");
        assert.equal(status, 400);
        assert.match(text, /express\.raw/);
    });

    it("answers 405 to anything but POST", async () => {
        const response = await fetch(`${baseUrl}/notify`);
        assert.equal(response.status, 405);
    });
});
