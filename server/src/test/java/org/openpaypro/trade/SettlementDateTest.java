package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryData;
import org.openpaypro.country.CountryProfile;

/** T+N settlement dates at the local midnight of the trade's country. No database, no clock. */
class SettlementDateTest {
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");

    @Test
    void t_plus_zero_settles_at_once() {
        Instant now = Instant.parse("2026-03-09T23:59:59.123Z");
        assertThat(SettlementDate.settleAt(now, SAO_PAULO, 0)).isEqualTo(now);
    }

    @Test
    void t_plus_one_is_the_next_local_midnight_not_twenty_four_hours_later() {
        // 23:00 in São Paulo (UTC−3) on 9 March: T+1 is 00:00 on 10 March there, one hour later
        assertThat(SettlementDate.settleAt(Instant.parse("2026-03-10T02:00:00Z"), SAO_PAULO, 1))
                .isEqualTo(Instant.parse("2026-03-10T03:00:00Z"));
        // 00:00 on 10 March there is already the 10th: T+1 is the 11th
        assertThat(SettlementDate.settleAt(Instant.parse("2026-03-10T03:00:00Z"), SAO_PAULO, 1))
                .isEqualTo(Instant.parse("2026-03-11T03:00:00Z"));
    }

    @Test
    void the_local_date_decides_not_the_utc_date() {
        // 18:29 UTC is 23:59 in India (UTC+5:30): T+1 is one minute away; at 18:30 UTC it is a day away
        assertThat(SettlementDate.settleAt(Instant.parse("2026-03-09T18:29:00Z"), KOLKATA, 1))
                .isEqualTo(Instant.parse("2026-03-09T18:30:00Z"));
        assertThat(SettlementDate.settleAt(Instant.parse("2026-03-09T18:30:00Z"), KOLKATA, 1))
                .isEqualTo(Instant.parse("2026-03-10T18:30:00Z"));
    }

    @Test
    void t_plus_n_counts_calendar_days() {
        Instant now = Instant.parse("2026-12-30T12:00:00Z");
        assertThat(SettlementDate.settleAt(now, SAO_PAULO, 3)).isEqualTo(Instant.parse("2027-01-02T03:00:00Z"));
        assertThat(SettlementDate.settleAt(now, SAO_PAULO, 9)).isEqualTo(Instant.parse("2027-01-08T03:00:00Z"));
    }

    @Test
    void a_day_whose_midnight_does_not_exist_settles_at_its_first_instant() {
        // Egypt's summer time starts on Friday 24 April 2026 at 00:00, which becomes 01:00 (UTC+3)
        assertThat(SettlementDate.settleAt(Instant.parse("2026-04-23T12:00:00Z"), CAIRO, 1))
                .isEqualTo(Instant.parse("2026-04-23T22:00:00Z"));
        // and the day after is an ordinary midnight again, in summer time
        assertThat(SettlementDate.settleAt(Instant.parse("2026-04-23T12:00:00Z"), CAIRO, 2))
                .isEqualTo(Instant.parse("2026-04-24T21:00:00Z"));
    }

    @Test
    void in_every_country_t_plus_n_is_a_local_start_of_day_n_local_days_ahead() {
        Countries countries = new Countries(Map.of(), new CountryData(null));
        List<Instant> moments = List.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-29T01:30:00Z"),
                Instant.parse("2026-06-30T23:59:59Z"), Instant.parse("2026-10-25T12:00:00Z"));
        for (CountryProfile profile : countries.all()) {
            for (Instant now : moments) {
                for (int days = 1; days <= 9; days++) {
                    ZonedDateTime settle = SettlementDate.settleAt(now, profile.zone(), days).atZone(profile.zone());
                    String what = profile.code() + " " + now + " T+" + days;
                    assertThat(settle.toLocalDate()).as(what)
                            .isEqualTo(now.atZone(profile.zone()).toLocalDate().plusDays(days));
                    assertThat(settle.toLocalTime()).as(what).isBefore(LocalTime.of(2, 0));
                    assertThat(settle.toLocalDate().atStartOfDay(profile.zone())).as(what).isEqualTo(settle);
                    assertThat(Duration.between(now, settle.toInstant())).as(what).isPositive()
                            .isLessThanOrEqualTo(Duration.ofDays(days).plusHours(1));
                }
            }
        }
    }
}
