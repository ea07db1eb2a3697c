package org.openpaypro.country;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openpaypro.config.ConfigException;
import org.openpaypro.error.Rejection;

/**
 * Indonesia (spec §6, docs/countries/ID.md): IDR without decimals, Jakarta time; pay-in host-to-host ({@code payIn},
 * {@code channelCode} required) or through the cashier ({@code paymentLink}, {@code channelCode} optional), both
 * with an optional {@code wayCode} of the chosen channel; payout to a bank of the bank list; the account check and
 * the proof voucher; partial payments ({@code 0001}); pay-in callbacks carry {@code channelCode} and {@code wayCode}.
 */
final class Indonesia {
    private Indonesia() {
    }

    static final List<String> CHANNELS = List.of("QRIS", "EWALLET", "VA");
    /** "starting with 08 or 628, a total of 10-13 digits". */
    static final Check MOBILE = Check.regex("08[0-9]{8,11}|628[0-9]{7,10}",
            Rejection.ID_MOBILE_MALFORMED);
    static final Check NAME = Check.text(100);
    static final Check EMAIL = Check.text(254).and(Check.EMAIL);
    static final Check ACCOUNT_NO = Check.digits(6, 20);

    static CountryProfile profile(CountryData data) {
        Check bankCode = data.codes("ID", "banks");
        SwitchRule wayCodes = new SwitchRule("wayCode", "channelCode", wayCodesByChannel(data));
        RequestSpec payIn = payinSpec(true, wayCodes);
        RequestSpec paymentLink = payinSpec(false, wayCodes);
        RequestSpec payOut = new RequestSpec(
                List.of(FieldRule.required("customerName", NAME),
                        FieldRule.required("mobile", MOBILE),
                        FieldRule.required("email", EMAIL),
                        FieldRule.required("bankAccountNo", ACCOUNT_NO),
                        FieldRule.required("bankCode", bankCode),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
        RequestSpec accountVerify = new RequestSpec(
                List.of(FieldRule.required("bankAccountNo", ACCOUNT_NO),
                        FieldRule.required("bankCode", bankCode)),
                List.of());
        return CountryProfile.builder("ID", "IDR", "Asia/Jakarta")
                .paths("/indonesia-pay", CountryProfile.DEFAULT_FAMILY)
                .amountsInWholeUnits(0, 1, 1, 100_000_000)
                .endpoint("payIn", Operation.PAYIN, payIn)
                .hostedPayin("paymentLink", paymentLink)
                .endpoint("payOut", Operation.PAYOUT, payOut)
                .standardQueries()
                .endpoint("accountVerify", Operation.ACCOUNT_VERIFY, accountVerify)
                .endpoint("indonesia/query/voucher", Operation.VOUCHER, RequestSpec.NONE)
                .partialPayins()
                .extras(Extra.CALLBACK_WAY_CODE, Extra.QUERY_ORDER_AND_PAY_AMOUNT, Extra.QUERY_WAY_CODE)
                .build();
    }

    /** payIn requires the channel; paymentLink may leave it to the payer at the cashier. */
    private static RequestSpec payinSpec(boolean channelRequired, SwitchRule wayCodes) {
        return new RequestSpec(
                List.of(FieldRule.required("username", NAME),
                        FieldRule.required("mobile", MOBILE),
                        FieldRule.required("email", EMAIL),
                        new FieldRule("channelCode", channelRequired, Check.oneOf(CHANNELS)),
                        FieldRule.optional("wayCode", Check.text(64)),
                        FieldRule.optional("returnUrl", Check.HTTP_URL),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of(wayCodes));
    }

    /** waycodes.csv lines are {@code wayCode,channelCode}; each channel accepts its own way codes. */
    private static Map<String, Check> wayCodesByChannel(CountryData data) {
        Map<String, List<String>> byChannel = new TreeMap<>();
        data.list("ID", "waycodes").forEach((wayCode, channel) -> {
            if (!CHANNELS.contains(channel)) {
                throw new ConfigException("OPENPAYPRO_COUNTRY_DATA_DIR: ID/waycodes.csv: way code "
                        + wayCode + " names channel " + channel + "; expected one of " + CHANNELS);
            }
            byChannel.computeIfAbsent(channel, key -> new ArrayList<>()).add(wayCode);
        });
        Map<String, Check> checks = new LinkedHashMap<>();
        for (String channel : CHANNELS) {
            List<String> codes = byChannel.getOrDefault(channel, List.of());
            checks.put(channel, codes.isEmpty() ? value -> Flaw.of(Rejection.NO_WAY_CODES) : Check.oneOf(codes));
        }
        return Map.copyOf(checks);
    }
}
