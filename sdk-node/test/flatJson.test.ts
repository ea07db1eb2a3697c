import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FlatJsonError, decodeUtf8, parseFlatObject } from "../src/index.js";

describe("flat JSON reader", () => {
    it("keeps the literal text of numbers, booleans and nulls, and unescapes strings", () => {
        const fields = parseFlatObject(' {"amount":1000.0000,"big":12345678901234567890,"ok":true,"none":null,'
            + '"name":"Jo\\u00e3o \\"Q\\"\\n","exp":1.5e3} ');
        assert.deepEqual(Object.fromEntries(fields), { amount: "1000.0000", big: "12345678901234567890", ok: "true",
            none: null, name: 'João "Q"\n', exp: "1.5e3" });
    });

    it("keeps the key order as sent", () => {
        assert.deepEqual([...parseFlatObject('{"z":"1","a":"2"}').keys()], ["z", "a"]);
    });

    it("refuses duplicate keys, nested values, trailing content and broken syntax", () => {
        assert.throws(() => parseFlatObject('{"a":"1","a":"2"}'), /twice/);
        assert.throws(() => parseFlatObject('{"a":{"b":1}}'), /flat/);
        assert.throws(() => parseFlatObject('{"a":[1]}'), /flat/);
        assert.throws(() => parseFlatObject('{"a":"1"} x'), /after the JSON object/);
        assert.throws(() => parseFlatObject('{"a":01}'), FlatJsonError);
        assert.throws(() => parseFlatObject('{"a":"1",}'), FlatJsonError);
        assert.throws(() => parseFlatObject('{"a":"unterminated'), /unterminated/);
        assert.throws(() => parseFlatObject('["a"]'), /JSON object/);
        assert.throws(() => parseFlatObject('{"a":"tab\there"}'), /control character/);
        assert.throws(() => parseFlatObject('{"a":"\\x41"}'), /bad escape/);
    });

    it("reads an empty object", () => {
        assert.equal(parseFlatObject("{}").size, 0);
    });

    it("decodes strict UTF-8 and refuses overlong sequences and byte-order marks", () => {
        assert.equal(decodeUtf8(Buffer.from("Ção", "utf8")), "Ção");
        assert.throws(() => decodeUtf8(Uint8Array.from([0x7b, 0xc0, 0xbc, 0x7d])), /UTF-8/);
        assert.throws(() => decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])), /byte-order mark/);
    });
});
