package org.openpaypro.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void an_amount_is_shown_with_the_currency_decimals_separators_and_code() {
        assertThat(Money.format(12_345_000L, "BRL")).isEqualTo("1,234.50 BRL");
        assertThat(Money.format(0L, "KES")).isEqualTo("0.00 KES");
        assertThat(Money.format(-50_000L, "MXN")).isEqualTo("-5.00 MXN");
        assertThat(Money.format(150_000_000L, "VND")).isEqualTo("15,000 VND");
    }

    @Test
    void an_amount_finer_than_the_currency_shows_every_decimal_instead_of_rounding() {
        assertThat(Money.format(12_345L, "BRL")).isEqualTo("1.2345 BRL");
        assertThat(Money.format(15_000L, "VND")).isEqualTo("1.5 VND");
    }

    @Test
    void an_unknown_currency_code_gets_two_decimals() {
        assertThat(Money.number(10_000L, "XXQ")).isEqualTo("1.00");
    }
}
