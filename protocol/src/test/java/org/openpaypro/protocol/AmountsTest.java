package org.openpaypro.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountsTest {

    @ParameterizedTest
    @CsvSource({
        "300, 3000000",
        "300.00, 3000000",
        "10.5, 105000",
        "0.01, 100",
        "0, 0",
        "007, 70000",
        "922337203685477, 9223372036854770000",
    })
    void plain_decimals_with_up_to_two_decimals_parse_to_units(String text, long units) {
        assertThat(Amounts.parse(text, 2)).isEqualTo(units);
    }

    @Test
    void four_decimals_parse_when_allowed() {
        assertThat(Amounts.parse("0.0001", 4)).isEqualTo(1L);
        assertThat(Amounts.parse("922337203685477.5807", 4)).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1e3", "1E3", "NaN", "Infinity", "", " 1", "1 ", "+1", ".5", "5.", "1,5",
        "1.2.3", "0x10", "١", "--1", "1.-5"})
    void anything_but_a_plain_decimal_is_rejected(String text) {
        assertThatThrownBy(() -> Amounts.parse(text, 2))
                .isInstanceOf(AmountFormatException.class)
                .hasMessage("amount must be a plain decimal number");
    }

    @Test
    void more_decimals_than_allowed_is_rejected_not_rounded() {
        assertThatThrownBy(() -> Amounts.parse("0.001", 2))
                .isInstanceOf(AmountFormatException.class)
                .hasMessage("amount has more than 2 decimals");
        assertThatThrownBy(() -> Amounts.parse("0.00001", 4))
                .isInstanceOf(AmountFormatException.class)
                .hasMessage("amount has more than 4 decimals");
        assertThatThrownBy(() -> Amounts.parse("1.0", 0))
                .isInstanceOf(AmountFormatException.class)
                .hasMessage("amount must be a whole number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999999999999", "922337203685478", "922337203685477.5808"})
    void values_beyond_the_long_range_are_rejected_as_too_large(String text) {
        assertThatThrownBy(() -> Amounts.parse(text, 4))
                .isInstanceOf(AmountFormatException.class)
                .hasMessage("amount is too large");
    }

    @Test
    void missing_or_absurdly_long_text_is_rejected() {
        assertThatThrownBy(() -> Amounts.parse(null, 2))
                .isInstanceOf(AmountFormatException.class)
                .hasMessage("amount is missing");
        assertThatThrownBy(() -> Amounts.parse("0".repeat(Amounts.MAX_TEXT_LENGTH + 1), 2))
                .isInstanceOf(AmountFormatException.class)
                .hasMessage("amount is too long");
    }

    @Test
    void amount_format_exception_is_an_illegal_argument_exception() {
        assertThatThrownBy(() -> Amounts.parse("x", 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void max_decimals_outside_zero_to_four_is_a_programming_error() {
        assertThatThrownBy(() -> Amounts.parse("1", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(AmountFormatException.class);
        assertThatThrownBy(() -> Amounts.format(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_signed_accepts_one_leading_minus() {
        assertThat(Amounts.parseSigned("-10.5", 2)).isEqualTo(-105000L);
        assertThat(Amounts.parseSigned("10.5", 2)).isEqualTo(105000L);
        assertThat(Amounts.parseSigned("-0", 2)).isZero();
        assertThat(Amounts.parseSigned("-922337203685477.5807", 4)).isEqualTo(-Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "--1", "+1", "- 1", "-.5", "1-"})
    void parse_signed_rejects_malformed_signs(String text) {
        assertThatThrownBy(() -> Amounts.parseSigned(text, 2))
                .isInstanceOf(AmountFormatException.class)
                .hasMessage("amount must be a plain decimal number");
    }

    @Test
    void parse_signed_still_enforces_decimals() {
        assertThatThrownBy(() -> Amounts.parseSigned("-0.001", 2))
                .isInstanceOf(AmountFormatException.class)
                .hasMessage("amount has more than 2 decimals");
    }

    @Test
    void format_renders_exactly_the_requested_decimals() {
        assertThat(Amounts.format(3_000_000, 4)).isEqualTo("300.0000");
        assertThat(Amounts.format(3_000_000, 2)).isEqualTo("300.00");
        assertThat(Amounts.format(3_000_000, 0)).isEqualTo("300");
        assertThat(Amounts.format(105_000, 2)).isEqualTo("10.50");
        assertThat(Amounts.format(100, 2)).isEqualTo("0.01");
        assertThat(Amounts.format(1, 4)).isEqualTo("0.0001");
        assertThat(Amounts.format(0, 2)).isEqualTo("0.00");
        assertThat(Amounts.format(Long.MAX_VALUE, 4)).isEqualTo("922337203685477.5807");
    }

    @Test
    void format_of_negative_values_has_a_leading_minus() {
        assertThat(Amounts.format(-105_000, 2)).isEqualTo("-10.50");
        assertThat(Amounts.format(-100, 2)).isEqualTo("-0.01");
        assertThat(Amounts.format(-1, 4)).isEqualTo("-0.0001");
        assertThat(Amounts.format(Long.MIN_VALUE, 4)).isEqualTo("-922337203685477.5808");
    }

    @Test
    void format_refuses_to_truncate() {
        assertThatThrownBy(() -> Amounts.format(105_000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to truncate");
        assertThatThrownBy(() -> Amounts.format(1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Amounts.format(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void format_trimmed_gives_the_shortest_exact_form() {
        assertThat(Amounts.formatTrimmed(3_000_000)).isEqualTo("300");
        assertThat(Amounts.formatTrimmed(105_000)).isEqualTo("10.5");
        assertThat(Amounts.formatTrimmed(1)).isEqualTo("0.0001");
        assertThat(Amounts.formatTrimmed(0)).isEqualTo("0");
        assertThat(Amounts.formatTrimmed(-22_500)).isEqualTo("-2.25");
        assertThat(Amounts.formatTrimmed(1_000_100)).isEqualTo("100.01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "300", "10.5", "0.01", "0.0001", "123456789.1234", "922337203685477.5807"})
    void parse_then_format_trimmed_round_trips(String text) {
        assertThat(Amounts.formatTrimmed(Amounts.parse(text, 4))).isEqualTo(text);
    }

    @Test
    void parse_then_format_with_two_decimals_round_trips_for_every_cent_below_ten() {
        for (int cents = 0; cents < 1_000; cents++) {
            String text = (cents / 100) + "." + String.format("%02d", cents % 100);
            assertThat(Amounts.format(Amounts.parse(text, 2), 2)).isEqualTo(text);
            assertThat(Amounts.parseSigned("-" + text, 2)).isEqualTo(-Amounts.parse(text, 2));
        }
    }

    @ParameterizedTest
    @CsvSource({"1e3, 2, NOT_PLAIN", "1.5, 0, NOT_WHOLE", "1.005, 2, TOO_MANY_DECIMALS",
            "99999999999999999999, 2, TOO_LARGE", "0000000000000000000000000000000000000000001, 2, TOO_LONG"})
    void a_refused_amount_names_its_reason_so_callers_need_not_read_the_message(String text, int decimals,
                                                                               AmountFormatException.Reason reason) {
        assertThatThrownBy(() -> Amounts.parse(text, decimals)).isInstanceOfSatisfying(AmountFormatException.class,
                refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    @Test
    void a_missing_amount_names_its_reason() {
        assertThatThrownBy(() -> Amounts.parseSigned(null, 2)).isInstanceOfSatisfying(AmountFormatException.class,
                refused -> assertThat(refused.reason()).isEqualTo(AmountFormatException.Reason.MISSING));
    }
}
