package org.openpaypro.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.config.Config;

/** When the next callback attempt is due. No database, no clock. */
class RetryScheduleTest {
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofMinutes(1)));

    @Test
    void after_failed_attempt_n_the_next_is_due_after_the_nth_delay() {
        assertThat(schedule.nextAttempt(1, false, NOW)).isEqualTo(NOW.plusSeconds(2));
        assertThat(schedule.nextAttempt(2, false, NOW)).isEqualTo(NOW.plusSeconds(5));
        assertThat(schedule.nextAttempt(3, false, NOW)).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void a_failure_after_the_last_delay_exhausts_the_notification() {
        assertThat(schedule.nextAttempt(4, false, NOW)).isNull();
        assertThat(schedule.nextAttempt(5, false, NOW)).isNull();
    }

    @Test
    void a_delivered_attempt_has_no_next_one() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(schedule.nextAttempt(attempt, true, NOW)).as("attempt " + attempt).isNull();
        }
    }

    @Test
    void an_empty_schedule_tries_once() {
        assertThat(new RetrySchedule(List.of()).nextAttempt(1, false, NOW)).isNull();
    }

    @Test
    void the_schedule_is_a_copy_that_later_changes_to_the_list_do_not_reach() {
        List<Duration> delays = new ArrayList<>(List.of(Duration.ofSeconds(1)));
        RetrySchedule copy = new RetrySchedule(delays);
        delays.set(0, Duration.ofHours(1));
        assertThat(copy.nextAttempt(1, false, NOW)).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void the_default_schedule_makes_nine_attempts_within_ten_hours_and_forty_seven_seconds() {
        RetrySchedule defaults = new RetrySchedule(Config.from(Map.of()).notifySchedule());
        Instant at = NOW;
        int attempts = 1;
        for (Instant next = defaults.nextAttempt(1, false, at); next != null;
                next = defaults.nextAttempt(attempts, false, at)) {
            at = next;
            attempts++;
        }
        assertThat(attempts).isEqualTo(9);
        assertThat(Duration.between(NOW, at)).isEqualTo(Duration.parse("PT10H0M47S"));
    }
}
