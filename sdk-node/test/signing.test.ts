import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalString, sign, signaturesMatch, verifySignature } from "../src/index.js";

const SECRET = "0123456789abcdef0123456789abcdef";

/** Spec §2.6, every vector: body fields, canonical string, expected sign. */
const VECTORS: ReadonlyArray<{ name: string; fields: Record<string, string | null>; canonical: string;
    sign: string }> = [
    {
        name: "V1 payin",
        fields: { timestamp: "1724142041682", tradeNo: "test_00000007", amount: "300", name: "123",
            identityType: "CPF", userIdentity: "2348937596", notifyUrl: "http://abc.com/notify",
            returnUrl: "http://abc.com/callback_page", remark: "000000" },
        canonical: "amount=300identityType=CPFname=123notifyUrl=http://abc.com/notifyremark=000000returnUrl="
            + "http://abc.com/callback_pagetimestamp=1724142041682tradeNo=test_00000007userIdentity=2348937596",
        sign: "fda910ddecf04473e42e3964a23d7570",
    },
    {
        name: "V2 payout",
        fields: { timestamp: "1724149702962", tradeNo: "123231222", amount: "300", name: "abc", email: "abc@xx.com",
            mobile: "123456789", bankType: "CPF", bankNumber: "10094038292", identityType: "CPF",
            userIdentity: "18171847084", notifyUrl: "xxxxxx", remark: "000000" },
        canonical: "amount=300bankNumber=10094038292bankType=CPFemail=abc@xx.comidentityType=CPFmobile=123456789"
            + "name=abcnotifyUrl=xxxxxxremark=000000timestamp=1724149702962tradeNo=123231222userIdentity=18171847084",
        sign: "c0f67258ba6717d9ae2400b3aa18ae26",
    },
    {
        name: "V3 payout query",
        fields: { tradeNo: "test_00000002", timestamp: "1728613320708" },
        canonical: "timestamp=1728613320708tradeNo=test_00000002",
        sign: "b6a04ec953a6df506fa7dc2f54bc86e6",
    },
    {
        name: "V4 balance",
        fields: { timestamp: "1724151084278" },
        canonical: "timestamp=1724151084278",
        sign: "b17b00b2ea9d118875e4697526946d0b",
    },
    {
        name: "V5 notify",
        fields: { platFormTradeNo: "5286e98841194687a95d25b5f3be346d", tradeNo: "00000020", amount: "30000",
            status: "0000", message: "SUCCESS", successTime: "2024-07-01 18:34:31", timestamp: "1724740395968" },
        canonical: "amount=30000message=SUCCESSplatFormTradeNo=5286e98841194687a95d25b5f3be346dstatus=0000"
            + "successTime=2024-07-01 18:34:31timestamp=1724740395968tradeNo=00000020",
        sign: "8a8e14a111d8a3f3a88adf720d3d5436",
    },
    {
        name: "V6 empty value skipped",
        fields: { tradeNo: "T1", timestamp: "1700000000000", remark: "", amount: "10.50" },
        canonical: "amount=10.50timestamp=1700000000000tradeNo=T1",
        sign: "63d61bd0a60d798651c2625844e26c7a",
    },
    {
        name: "V7 UTF-8",
        fields: { tradeNo: "T2", timestamp: "1700000000000", name: "João Ção", amount: "1" },
        canonical: "amount=1name=João Çãotimestamp=1700000000000tradeNo=T2",
        sign: "52c65181d1f07cb56964765d5b1e9645",
    },
    {
        name: "V8 explicit null, reference semantics",
        fields: { tradeNo: "T3", timestamp: "1700000000000", remark: null },
        canonical: "remark=nulltimestamp=1700000000000tradeNo=T3",
        sign: "4d4f6c9d22668a4fbd11d22b15c95b2c",
    },
];

describe("signing (spec §2)", () => {
    for (const vector of VECTORS) {
        it(`${vector.name}: canonical string and sign match the spec's vector`, () => {
            assert.equal(canonicalString(vector.fields), vector.canonical);
            assert.equal(sign(vector.fields, SECRET), vector.sign);
            assert.equal(verifySignature(vector.fields, SECRET, vector.sign), true);
        });
    }

    it("V8 with the null left out gives the spec's alternative sign, and verification accepts both", () => {
        const fields = { tradeNo: "T3", timestamp: "1700000000000", remark: null };
        assert.equal(sign(fields, SECRET, "omit"), "2f4377fbd53f920ebe37f62371fe97a1");
        assert.equal(verifySignature(fields, SECRET, "2f4377fbd53f920ebe37f62371fe97a1"), true);
        assert.equal(verifySignature(fields, SECRET, "4d4f6c9d22668a4fbd11d22b15c95b2c"), true);
    });

    it("a sign field in the parameters is never part of the canonical string", () => {
        const fields = { timestamp: "1724151084278", sign: "whatever" };
        assert.equal(canonicalString(fields), "timestamp=1724151084278");
        assert.equal(sign(fields, SECRET), "b17b00b2ea9d118875e4697526946d0b");
    });

    it("keys sort by code unit like Java String.compareTo: upper case before lower case", () => {
        assert.equal(canonicalString({ b: "2", a: "1", B: "3", _x: "4", Z: "5" }), "B=3Z=5_x=4a=1b=2");
    });

    it("numbers, booleans and bigints are signed by their text, objects are refused", () => {
        assert.equal(canonicalString({ amount: 1000000, ok: true, big: 12345678901234567890n }),
            "amount=1000000big=12345678901234567890ok=true");
        assert.throws(() => canonicalString({ nested: { a: 1 } }), /flat/);
        assert.throws(() => canonicalString({ list: [1] }), /array/);
    });

    it("verification ignores the case of the received sign and refuses wrong, short or missing ones", () => {
        const fields = { timestamp: "1724151084278" };
        assert.equal(verifySignature(fields, SECRET, "B17B00B2EA9D118875E4697526946D0B"), true);
        assert.equal(verifySignature(fields, SECRET, "b17b00b2ea9d118875e4697526946d0c"), false);
        assert.equal(verifySignature(fields, SECRET, "b17b00b2"), false);
        assert.equal(verifySignature(fields, SECRET, undefined), false);
        assert.equal(verifySignature(fields, "another-secret-another-secret-00", "b17b00b2ea9d118875e4697526946d0b"),
            false);
    });

    it("any of several secrets (a rotation with overlap) may have signed", () => {
        const fields = { timestamp: "1724151084278" };
        assert.equal(verifySignature(fields, ["new-key-new-key-new-key-new-key-", SECRET],
            "b17b00b2ea9d118875e4697526946d0b"), true);
    });

    it("non-ASCII characters in a received sign never fold onto hex digits", () => {
        const expected = "b17b00b2ea9d118875e4697526946d0b";
        const tampered = "\u0162" + expected.slice(1);
        assert.equal(signaturesMatch(expected, tampered), false);
    });

    it("signing without a secret is refused", () => {
        assert.throws(() => sign({ a: "1" }, ""), /secretKey/);
    });
});
