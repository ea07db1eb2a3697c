package org.openpaypro.channel.pix;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The merchant's bankType/bankNumber as DICT keys, and amounts as valor with exactly 2 decimals. */
class PixKeysTest {
    @Test
    void cpfAndCnpjKeysAreDigitsOnly() {
        assertThat(PixKeys.dictKey("CPF", "123.456.789-09")).contains("12345678909");
        assertThat(PixKeys.dictKey("CNPJ", "12.345.678/0001-95")).contains("12345678000195");
        assertThat(PixKeys.dictKey("CPF", "1234567890")).isEmpty();
    }

    @Test
    void phoneKeysTakeThePlus55FormTheDictExpects() {
        assertThat(PixKeys.dictKey("PHONE", "11987654321")).contains("+5511987654321");
        assertThat(PixKeys.dictKey("PHONE", "1133334444")).contains("+551133334444");
        assertThat(PixKeys.dictKey("PHONE", "+5511987654321")).contains("+5511987654321");
        assertThat(PixKeys.dictKey("PHONE", "5511987654321")).contains("+5511987654321");
        assertThat(PixKeys.dictKey("PHONE", "+14155550123")).isEmpty();
        assertThat(PixKeys.dictKey("PHONE", "441234567890")).isEmpty();
    }

    @Test
    void emailAndRandomKeysAreKeptWithTheUuidInLowerCase() {
        assertThat(PixKeys.dictKey("EMAIL", "fornecedor@example.com.br")).contains("fornecedor@example.com.br");
        assertThat(PixKeys.dictKey("EVP", "345E4568-E89B-12D3-A456-006655440001"))
                .contains("345e4568-e89b-12d3-a456-006655440001");
        assertThat(PixKeys.dictKey("EMAIL", "not-an-email")).isEmpty();
        assertThat(PixKeys.dictKey("IBAN", "x")).isEmpty();
    }

    @Test
    void amountsBecomeValorWithExactlyTwoDecimalsAndNothingIsRounded() {
        assertThat(PixBcbConnector.valor("BRL", new BigDecimal("150"))).contains("150.00");
        assertThat(PixBcbConnector.valor("BRL", new BigDecimal("0.5"))).contains("0.50");
        assertThat(PixBcbConnector.valor("BRL", new BigDecimal("1.230"))).contains("1.23");
        assertThat(PixBcbConnector.valor("BRL", new BigDecimal("1.234"))).isEmpty();
        assertThat(PixBcbConnector.valor("KES", new BigDecimal("1"))).isEmpty();
        assertThat(PixBcbConnector.valor("BRL", BigDecimal.ZERO)).isEmpty();
    }
}
