package org.openpaypro.channel.pix;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The beneficiary's Pix key as the DICT holds it, from the merchant's {@code bankType} and {@code bankNumber}
 * (docs/countries/BR.md): CPF and CNPJ as digits only, PHONE as {@code +55} and 10-11 digits, EMAIL as given
 * (trimmed), EVP as a lower-case UUID. Stateless, thread-safe.
 */
final class PixKeys {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern EVP = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int EMAIL_MAX = 77;

    private PixKeys() {
    }

    /** The key for {@code favorecido.chave}, or empty when the number does not fit the type. */
    static Optional<String> dictKey(String bankType, String bankNumber) {
        if (bankType == null || bankNumber == null) {
            return Optional.empty();
        }
        String number = bankNumber.trim();
        return switch (bankType) {
            case "CPF" -> digits(number, 11);
            case "CNPJ" -> digits(number, 14);
            case "PHONE" -> phone(number);
            case "EMAIL" -> EMAIL.matcher(number).matches() && number.length() <= EMAIL_MAX
                    ? Optional.of(number) : Optional.empty();
            case "EVP" -> Optional.of(number.toLowerCase(Locale.ROOT)).filter(key -> EVP.matcher(key).matches());
            default -> Optional.empty();
        };
    }

    private static Optional<String> digits(String number, int length) {
        String digits = number.replaceAll("[.\\-/\\s]", "");
        return digits.matches("\\d{" + length + "}") ? Optional.of(digits) : Optional.empty();
    }

    /**
     * With a leading {@code +} the number already carries its country code, which must be 55; without one, 10-11
     * digits are a Brazilian number (area code + number) and 12-13 digits must start with 55.
     */
    private static Optional<String> phone(String number) {
        boolean international = number.startsWith("+");
        String digits = international ? number.substring(1) : number;
        if (!digits.matches("\\d{10,13}")) {
            return Optional.empty();
        }
        if (!international && digits.length() <= 11) {
            return Optional.of("+55" + digits);
        }
        return digits.length() >= 12 && digits.startsWith("55") ? Optional.of("+" + digits) : Optional.empty();
    }
}
