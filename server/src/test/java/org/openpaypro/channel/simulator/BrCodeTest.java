package org.openpaypro.channel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrCodeTest {

    private static final String KEY = "123e4567-e12b-12d1-a456-426655440000";

    private static String sample() {
        return BrCode.build(KEY, "Loja Exemplo", "Rio de Janeiro", 15_000, "OPP2024000001");
    }

    @Test
    void crc16MatchesTheCcittFalseCheckValue() {
        assertThat(BrCode.crc16("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x29B1);
        assertThat(BrCode.crc16(new byte[0])).isEqualTo(0xFFFF);
    }

    @Test
    void acceptsTheStaticExampleFromTheBcbManual() {
        String manual = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
                + "5913Fulano de Tal6008BRASILIA62070503***63041D3D";
        assertThat(BrCode.crcValid(manual)).isTrue();
    }

    @Test
    void builtCodeHasValidUppercaseCrc() {
        String code = sample();
        assertThat(code).matches(".*6304[0-9A-F]{4}");
        assertThat(BrCode.crcValid(code)).isTrue();
    }

    @Test
    void fieldsParseBackInOrder() {
        String code = sample();
        Map<String, String> top = BrCode.parseTopLevel(code);
        assertThat(top.keySet()).containsExactly("00", "01", "26", "52", "53", "54", "58", "59", "60", "62", "63");
        assertThat(top).containsEntry("00", "01").containsEntry("01", "12").containsEntry("52", "0000")
                .containsEntry("53", "986").containsEntry("54", "150.00").containsEntry("58", "BR")
                .containsEntry("59", "LOJA EXEMPLO").containsEntry("60", "RIO DE JANEIRO");
        assertThat(top.get("63")).hasSize(4);

        Map<String, String> account = BrCode.parseTopLevel(top.get("26"));
        assertThat(account).containsExactly(Map.entry("00", "br.gov.bcb.pix"), Map.entry("01", KEY));
        assertThat(BrCode.parseTopLevel(top.get("62"))).containsExactly(Map.entry("05", "OPP2024000001"));
        assertThat(code).startsWith("000201010212265800").contains("5406150.00");
    }

    @Test
    void amountIsFormattedWithTwoDecimalsAndOmittedWhenZero() {
        assertThat(BrCode.parseTopLevel(BrCode.build(KEY, "A", "B", 5, "t"))).containsEntry("54", "0.05");
        assertThat(BrCode.parseTopLevel(BrCode.build(KEY, "A", "B", 123_456, "t"))).containsEntry("54", "1234.56");
        assertThat(BrCode.parseTopLevel(BrCode.build(KEY, "A", "B", 100, "t"))).containsEntry("54", "1.00");
        String noAmount = BrCode.build(KEY, "A", "B", 0, "t");
        assertThat(BrCode.parseTopLevel(noAmount)).doesNotContainKey("54");
        assertThat(BrCode.crcValid(noAmount)).isTrue();
    }

    @Test
    void merchantNameAndCityAreAsciiFoldedAndTruncated() {
        String code = BrCode.build(KEY, "Padaria São João & Cia. Ltda — Filial Niterói",
                "Santo Antônio do Descoberto", 100, "x");
        Map<String, String> top = BrCode.parseTopLevel(code);
        assertThat(top.get("59")).isEqualTo("PADARIA SAO JOAO CIA LTDA").hasSize(25);
        assertThat(top.get("60")).isEqualTo("SANTO ANTONIO D").hasSize(15);
        assertThat(code).matches("\\p{ASCII}+");
        assertThat(BrCode.crcValid(code)).isTrue();

        Map<String, String> spaced =
                BrCode.parseTopLevel(BrCode.build(KEY, "  Açaí   do  Zé ", "São Paulo", 1, "x"));
        assertThat(spaced).containsEntry("59", "ACAI DO ZE").containsEntry("60", "SAO PAULO");
    }

    @Test
    void unfoldableNamesFallBack() {
        Map<String, String> top = BrCode.parseTopLevel(BrCode.build(KEY, "北京商店", null, 1, "x"));
        assertThat(top).containsEntry("59", BrCode.FALLBACK_NAME).containsEntry("60", BrCode.FALLBACK_CITY);
    }

    @Test
    void txidIsSanitised() {
        assertThat(txidOf("abc-123_XYZ!")).isEqualTo("abc123XYZ");
        assertThat(txidOf("A".repeat(40))).isEqualTo("A".repeat(25));
        assertThat(txidOf("")).isEqualTo("***");
        assertThat(txidOf(null)).isEqualTo("***");
        assertThat(txidOf("---")).isEqualTo("***");
    }

    private static String txidOf(String txid) {
        String code = BrCode.build(KEY, "Loja", "Rio", 100, txid);
        assertThat(BrCode.crcValid(code)).isTrue();
        return BrCode.parseTopLevel(BrCode.parseTopLevel(code).get("62")).get("05");
    }

    @Test
    void tamperingWithAnyCharacterInvalidatesTheCrc() {
        String code = sample();
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            char replacement = c == '9' ? '8' : c == 'Z' ? 'Y' : (char) (c + 1);
            String tampered = code.substring(0, i) + replacement + code.substring(i + 1);
            assertThat(BrCode.crcValid(tampered)).as("tampered at %d", i).isFalse();
        }
        assertThat(BrCode.crcValid(code.replace("150.00", "950.00"))).isFalse();
    }

    @Test
    void crcValidRejectsMissingOrMalformedCrcField() {
        String code = sample();
        assertThat(BrCode.crcValid(null)).isFalse();
        assertThat(BrCode.crcValid("")).isFalse();
        assertThat(BrCode.crcValid(code.substring(0, code.length() - 8))).isFalse();
        assertThat(BrCode.crcValid(code.substring(0, code.length() - 4) + "ZZZZ")).isFalse();
        assertThat(BrCode.crcValid(code.substring(0, code.length() - 1))).isFalse();
    }

    @Test
    void parseTopLevelRejectsMalformedInput() {
        assertThat(BrCode.parseTopLevel("")).isEmpty();
        assertThatThrownBy(() -> BrCode.parseTopLevel(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrCode.parseTopLevel("000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrCode.parseTopLevel("00050")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrCode.parseTopLevel("0A02xx")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrCode.parseTopLevel("00-1x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrCode.parseTopLevel("000201000202"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
    }

    @Test
    void buildRejectsInvalidArguments() {
        assertThatThrownBy(() -> BrCode.build(" ", "A", "B", 1, "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrCode.build(null, "A", "B", 1, "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrCode.build("k".repeat(78), "A", "B", 1, "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrCode.build("chave pix", "A", "B", 1, "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrCode.build(KEY, "A", "B", -1, "t")).isInstanceOf(IllegalArgumentException.class);
        String maxKey = BrCode.build("k".repeat(77), "A", "B", 1, "t");
        assertThat(BrCode.parseTopLevel(BrCode.parseTopLevel(maxKey).get("26"))).containsEntry("01", "k".repeat(77));
    }

    /** The regex version fold replaced (issue 15): both must agree on every input. */
    private static String regexFold(String s, int max, String fallback) {
        String ascii = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .replaceAll("[^A-Za-z0-9 ]", "").replaceAll(" +", " ").strip().toUpperCase(java.util.Locale.ROOT);
        if (ascii.length() > max) {
            ascii = ascii.substring(0, max).strip();
        }
        return ascii.isEmpty() ? fallback : ascii;
    }

    @Test
    void foldAgreesWithTheRegexVersion() {
        for (String name : java.util.List.of("Loja Exemplo", "  Açaí   do  Zé ", "São Paulo", "北京商店", "a \t b",
                "ÉCOLE-Ünïcödé & Co. Ltda.", "Ångström\u0301 ñ", "x".repeat(30) + " y", "abcdefghijklmnopqrstuvwx yz",
                "", "   ", "ﬁne ligature", "İstanbul ı")) {
            assertThat(BrCode.fold(name, 25, "F")).as(name).isEqualTo(regexFold(name, 25, "F"));
            assertThat(BrCode.fold(name, 15, "F")).as(name).isEqualTo(regexFold(name, 15, "F"));
        }
    }

    @Test
    void crcFieldIsFourUppercaseHexDigits() {
        String code = sample();
        assertThat(code.substring(code.length() - 4)).matches("[0-9A-F]{4}")
                .isEqualTo(String.format(java.util.Locale.ROOT, "%04X",
                        BrCode.crc16(code.substring(0, code.length() - 4).getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void tableCrcAgreesWithTheBitwiseOneOnEveryByteValue() {
        byte[] data = new byte[512];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        int crc = 0xFFFF;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        assertThat(BrCode.crc16(data)).isEqualTo(crc);
    }
}
