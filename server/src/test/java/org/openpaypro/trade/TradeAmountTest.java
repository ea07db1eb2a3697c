package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryData;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.error.ApiException;
import org.openpaypro.error.Rejection;
import org.openpaypro.protocol.Amounts;

/**
 * The request amount of a create, per country: its decimals, its minimum and maximum, in scale-4 units. No database;
 * the country ITs keep one refusal each on the wire.
 */
class TradeAmountTest {
    private static final Countries COUNTRIES = new Countries(Map.of(), new CountryData(null));

    private static Rejection refusal(CountryProfile profile, String text, long minimum) {
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> TradeEndpoints.amountUnits(profile, text, minimum));
        assertThat(refused).as(profile.code() + " " + text).isNotNull();
        return refused.rejection();
    }

    /** The smallest amount the country's decimals can write, in units: 1 for 4 decimals, 10,000 for none. */
    private static long step(CountryProfile profile) {
        long step = 1;
        for (int i = profile.amountDecimals(); i < Amounts.SCALE; i++) {
            step *= 10;
        }
        return step;
    }

    @Test
    void an_amount_with_as_many_decimals_as_the_currency_has_is_read_exactly_in_scale_four_units() {
        CountryProfile brazil = COUNTRIES.get("BR");
        assertThat(brazil.amountDecimals()).isEqualTo(2);
        assertThat(TradeEndpoints.amountUnits(brazil, "10.55", 1)).isEqualTo(105_500);
        assertThat(TradeEndpoints.amountUnits(brazil, "10.5", 1)).isEqualTo(105_000);
        assertThat(TradeEndpoints.amountUnits(brazil, "0.01", 1)).isEqualTo(100);
        assertThat(TradeEndpoints.amountUnits(COUNTRIES.get("VN"), "50000", 500_000_000)).isEqualTo(500_000_000);
    }

    @Test
    void every_country_accepts_its_own_decimals_and_refuses_one_more_without_rounding() {
        for (CountryProfile profile : COUNTRIES.all()) {
            long minimum = profile.minPayinUnits();
            String smallestAboveMin = Amounts.format(minimum + step(profile) - minimum % step(profile),
                    profile.amountDecimals());
            assertThat(TradeEndpoints.amountUnits(profile, smallestAboveMin, minimum)).as(profile.code())
                    .isEqualTo(Amounts.parse(smallestAboveMin, profile.amountDecimals()));
            String oneDecimalTooMany = profile.amountDecimals() == 0 ? "1000.5"
                    : "1000." + "0".repeat(profile.amountDecimals()) + "1";
            assertThat(refusal(profile, oneDecimalTooMany, minimum)).as(profile.code())
                    .isIn(Rejection.AMOUNT_TOO_MANY_DECIMALS, Rejection.AMOUNT_NOT_WHOLE);
        }
    }

    @Test
    void every_countrys_maximum_is_inclusive_and_one_step_more_is_refused_as_above_the_maximum() {
        for (CountryProfile profile : COUNTRIES.all()) {
            String max = Amounts.format(profile.maxAmountUnits(), profile.amountDecimals());
            assertThat(TradeEndpoints.amountUnits(profile, max, profile.minPayinUnits())).as(profile.code())
                    .isEqualTo(profile.maxAmountUnits());
            String above = Amounts.format(profile.maxAmountUnits() + step(profile), profile.amountDecimals());
            assertThat(refusal(profile, above, profile.minPayinUnits())).as(profile.code())
                    .isEqualTo(Rejection.AMOUNT_ABOVE_MAX);
        }
    }

    @Test
    void an_amount_beyond_the_internal_range_is_refused_as_above_the_maximum_not_as_malformed() {
        CountryProfile kenya = COUNTRIES.get("KE");
        assertThat(refusal(kenya, "9".repeat(30), 1)).isEqualTo(Rejection.AMOUNT_ABOVE_MAX);
        assertThat(refusal(kenya, "922337203685478", 1)).isEqualTo(Rejection.AMOUNT_ABOVE_MAX);
    }

    @Test
    void the_minimum_is_inclusive_and_below_it_is_refused() {
        CountryProfile egypt = COUNTRIES.get("EG");
        assertThat(egypt.minPayinUnits()).isEqualTo(1_000_000);
        assertThat(TradeEndpoints.amountUnits(egypt, "100", egypt.minPayinUnits())).isEqualTo(1_000_000);
        assertThat(refusal(egypt, "99", egypt.minPayinUnits())).isEqualTo(Rejection.AMOUNT_BELOW_MIN);
        CountryProfile pakistan = COUNTRIES.get("PK");
        assertThat(TradeEndpoints.amountUnits(pakistan, "1", pakistan.minPayoutUnits())).isEqualTo(10_000);
        assertThat(refusal(pakistan, "99", pakistan.minPayinUnits())).isEqualTo(Rejection.AMOUNT_BELOW_MIN);
    }

    @Test
    void zero_is_refused_as_not_positive_and_anything_but_a_plain_decimal_as_invalid() {
        CountryProfile india = COUNTRIES.get("IN");
        assertThat(refusal(india, "0", india.minPayinUnits())).isEqualTo(Rejection.AMOUNT_NOT_POSITIVE);
        assertThat(refusal(india, "0.00", india.minPayinUnits())).isEqualTo(Rejection.AMOUNT_NOT_POSITIVE);
        for (String text : new String[] {"-1", "+1", "1e3", " 1", "1,00", ".5", "5.", "0x10", "١٠", ""}) {
            assertThat(refusal(india, text, india.minPayinUnits())).as("'" + text + "'")
                    .isEqualTo(Rejection.AMOUNT_NOT_A_NUMBER);
        }
    }
}
