package org.openpaypro.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void no_configuration_means_sandbox_on_port_8080_with_the_embedded_database() {
        Config config = Config.from(Map.of());
        assertThat(config.sandbox()).isTrue();
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.timestampWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.notifySchedule()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(3),
                Duration.ofHours(3), Duration.ofHours(3));
        assertThat(config.settlementDelayDays()).isEqualTo(1);
        assertThat(config.publicUrl()).isEqualTo("http://localhost:8080");
    }

    @Test
    void each_bad_value_stops_the_start_with_one_line_naming_the_variable() {
        Map<String, String> cases = Map.of(
                "OPENPAYPRO_HTTP_PORT", "eighty",
                "OPENPAYPRO_MODE", "production",
                "OPENPAYPRO_NOTIFY_SCHEDULE", "2s,soon",
                "OPENPAYPRO_TIMESTAMP_WINDOW", "15 minutes",
                "OPENPAYPRO_DB_URL", "mysql://x",
                "OPENPAYPRO_MASTER_KEY", "short",
                "OPENPAYPRO_SETTLEMENT_DELAY", "T+10",
                "OPENPAYPRO_MAX_AMOUNT_BR", "-5",
                "OPENPAYPRO_PUBLIC_URL", "pay.example.com");
        cases.forEach((name, value) -> assertThatThrownBy(() -> Config.from(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(name)
                .hasMessageNotContaining("\n"));
    }

    @Test
    void live_mode_requires_a_master_key() {
        assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_MODE", "live")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("OPENPAYPRO_MASTER_KEY is required in live mode");
    }

    @Test
    void off_switches_the_timestamp_window_and_the_simulator_autocomplete() {
        Config config = Config.from(Map.of("OPENPAYPRO_TIMESTAMP_WINDOW", "off",
                "OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "off", "OPENPAYPRO_NOTIFY_SCHEDULE", "500ms, 1m",
                "OPENPAYPRO_MAX_AMOUNT_BR", "500.25", "OPENPAYPRO_SETTLEMENT_DELAY", "T+0"));
        assertThat(config.timestampWindow()).isNull();
        assertThat(config.simulatorAutocomplete()).isNull();
        assertThat(config.notifySchedule()).isEqualTo(List.of(Duration.ofMillis(500), Duration.ofMinutes(1)));
        assertThat(config.maxAmountUnits()).containsEntry("BR", 5_002_500L);
        assertThat(config.settlementDelayDays()).isZero();
    }

    @Test
    void a_bad_statement_timeout_or_a_multi_host_url_without_target_server_type_stops_the_start() {
        for (String value : List.of("0s", "50ms", "soon", "11m")) {
            assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_DB_STATEMENT_TIMEOUT", value)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("OPENPAYPRO_DB_STATEMENT_TIMEOUT=" + value + " is invalid")
                    .hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_DB_URL", "jdbc:postgresql://a:5432,b:5432/pay")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("OPENPAYPRO_DB_URL=")
                .hasMessageContaining("targetServerType=primary");
    }

    @Test
    void the_statement_timeout_defaults_to_five_seconds_and_a_multi_host_url_with_primary_is_accepted() {
        assertThat(Config.from(Map.of()).dbStatementTimeout()).isEqualTo(Duration.ofSeconds(5));
        Config config = Config.from(Map.of("OPENPAYPRO_DB_STATEMENT_TIMEOUT", "1500ms", "OPENPAYPRO_DB_URL",
                "jdbc:postgresql://127.0.0.1:5432,127.0.0.1:5433/pay?targetServerType=primary"));
        assertThat(config.dbStatementTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(Config.multiHost(config.dbUrl())).isTrue();
        assertThat(Config.multiHost("jdbc:postgresql://127.0.0.1:5432/pay?x=a,b")).isFalse();
    }
}
