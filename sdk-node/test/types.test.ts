/**
 * Compile-time checks of the builder types: `tsc` (run by `npm test` before the tests) fails if a line marked
 * `@ts-expect-error` compiles, i.e. if a documented required field stopped being required or an open field closed.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import {
    Bangladesh, Brazil, Indonesia, Kenya, Mexico, type PayProRequest, type PayinData, Vietnam,
} from "../src/index.js";

function typeChecks(): Array<PayProRequest<PayinData> | unknown> {
    return [
        // @ts-expect-error Brazil's payin needs userIdentity
        Brazil.payin({ tradeNo: "T", amount: "1", name: "n", identityType: "CPF", remark: "r" }),
        // @ts-expect-error Indonesia's payIn needs channelCode (paymentLink does not)
        Indonesia.payin({ tradeNo: "T", amount: "1", username: "u", mobile: "081234567890", email: "e@x.com" }),
        Indonesia.paymentLink({ tradeNo: "T", amount: "1", username: "u", mobile: "081234567890", email: "e@x.com" }),
        // @ts-expect-error Kenya's H2H payin needs the payer's mobile (payinConsole does not)
        Kenya.payin({ tradeNo: "T", amount: "1" }),
        Kenya.payinConsole({ tradeNo: "T", amount: "1" }),
        // @ts-expect-error Mexico's payInApi needs wayCode
        Mexico.payin({ tradeNo: "T", amount: "1" }),
        // @ts-expect-error amounts are strings, numbers or bigints, never objects
        Vietnam.payin({ tradeNo: "T", amount: { value: 1 }, bankName: "VietQR" }),
        // Open: codes outside the suggestions and fields outside the documented ones compile.
        Bangladesh.payin({ tradeNo: "T", amount: "1", wayCode: "BKASH_OFFICIAL", paymentInfo: "x" }),
        Bangladesh.payinSubmit({ platFormTradeNo: "p", trxId: "t" }),
    ];
}

it("the builder types compile as documented (checked by tsc; the function is only referenced)", () => {
    assert.equal(typeof typeChecks, "function");
});
