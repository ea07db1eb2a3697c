package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpiringLruTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void never_holds_more_than_its_bound_however_many_keys_arrive() {
        ExpiringLru<String, Integer> cache = new ExpiringLru<>(100, Duration.ofMinutes(1));
        for (int i = 0; i < 10_000; i++) {
            cache.put("M" + i, i, 0);
        }
        assertThat(cache.size()).isEqualTo(100);
        assertThat(cache.get("M9999", 1)).isEqualTo(9999);
        assertThat(cache.get("M0", 1)).isNull();
    }

    @Test
    void drops_the_least_recently_used_entry_not_the_whole_cache() {
        ExpiringLru<String, Integer> cache = new ExpiringLru<>(2, Duration.ofMinutes(1));
        cache.put("a", 1, 0);
        cache.put("b", 2, 0);
        assertThat(cache.get("a", 1)).isEqualTo(1);
        cache.put("c", 3, 2);
        assertThat(cache.get("b", 3)).isNull();
        assertThat(cache.get("a", 3)).isEqualTo(1);
        assertThat(cache.get("c", 3)).isEqualTo(3);
    }

    @Test
    void forgets_an_entry_once_its_time_to_live_has_passed() {
        ExpiringLru<String, Integer> cache = new ExpiringLru<>(10, Duration.ofSeconds(10));
        long start = 123_456_789L;
        cache.put("a", 1, start);
        assertThat(cache.get("a", start + 9 * SECOND)).isEqualTo(1);
        assertThat(cache.get("a", start + 10 * SECOND)).isNull();
        assertThat(cache.size()).isZero();
    }
}
