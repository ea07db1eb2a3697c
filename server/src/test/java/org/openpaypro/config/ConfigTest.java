package org.openpaypro.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.logs.LogFormat;

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
    void the_builder_starts_from_the_defaults_of_an_empty_environment() {
        assertThat(Config.builder().build()).isEqualTo(Config.from(Map.of()));
    }

    @Test
    void a_builder_setter_changes_only_its_own_setting() {
        Config changed = Config.builder().notifyWorkers(3).notifyPerHostLimit(5).build();
        Config defaults = Config.from(Map.of());
        assertThat(changed.notifyWorkers()).isEqualTo(3);
        assertThat(changed.notifyPerHostLimit()).isEqualTo(5);
        assertThat(Config.builder().notifyWorkers(defaults.notifyWorkers())
                .notifyPerHostLimit(defaults.notifyPerHostLimit()).build()).isEqualTo(defaults);
        assertThat(changed.notifyPerMerchantLimit()).isEqualTo(defaults.notifyPerMerchantLimit());
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
                "OPENPAYPRO_PUBLIC_URL", "pay.example.com",
                "OPENPAYPRO_BRAND_PREFIXES", "/v1/acmepay,/Channels/v1");
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

    // Merchant access (issue 13)
    @Test
    void trusted_proxies_are_a_list_of_cidrs_empty_by_default_and_a_name_or_bad_cidr_stops_the_start() {
        assertThat(Config.from(Map.of()).trustedProxies()).isEmpty();
        assertThat(Config.from(Map.of("OPENPAYPRO_TRUSTED_PROXIES", "10.0.0.0/8, ::1")).trustedProxies())
                .extracting(Object::toString).containsExactly("10.0.0.0/8", "0:0:0:0:0:0:0:1/128");
        for (String bad : List.of("proxy.internal", "10.0.0.0/33", "10.0.0.0/8;192.168.0.0/16")) {
            assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_TRUSTED_PROXIES", bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("OPENPAYPRO_TRUSTED_PROXIES=" + bad + " is invalid")
                    .hasMessageNotContaining("\n");
        }
    }

    // notify limits (issue 10, security 3)
    @Test
    void the_per_merchant_notify_limit_defaults_to_8_can_be_set_and_refuses_0_words_and_too_much() {
        assertThat(Config.from(Map.of()).notifyPerMerchantLimit()).isEqualTo(8);
        assertThat(Config.from(Map.of("OPENPAYPRO_NOTIFY_PER_MERCHANT_LIMIT", "3")).notifyPerMerchantLimit())
                .isEqualTo(3);
        for (String bad : new String[] {"0", "many", "257", "-1"}) {
            assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_NOTIFY_PER_MERCHANT_LIMIT", bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("OPENPAYPRO_NOTIFY_PER_MERCHANT_LIMIT=" + bad
                            + " is invalid: expected an integer from 1 to 256");
        }
    }

    @Test
    void the_adjustment_approval_limit_is_general_with_per_currency_overrides_and_unset_means_none() {
        assertThat(Config.from(Map.of()).adjustmentApprovalLimitUnits("BRL")).isNull();
        Config config = Config.from(Map.of("OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT", "10000.00",
                "OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT_NGN", "5000000"));
        assertThat(config.adjustmentApprovalLimitUnits("BRL")).isEqualTo(100_000_000L);
        assertThat(config.adjustmentApprovalLimitUnits("NGN")).isEqualTo(50_000_000_000L);
        assertThat(Config.from(Map.of("OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT_KES", "1"))
                .adjustmentApprovalLimitUnits("BRL")).isNull();
        assertThat(Config.from(Map.of()).adminAuthFailuresPerMinute()).isEqualTo(20);
    }

    @Test
    void bad_access_settings_stop_the_start_with_one_line_naming_the_variable() {
        Map<String, String> cases = Map.of(
                "OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT", "-1",
                "OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT_BRL", "lots",
                "OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT_brl", "100",
                "OPENPAYPRO_ADMIN_AUTH_FAILURES_PER_MINUTE", "0");
        cases.forEach((name, value) -> assertThatThrownBy(() -> Config.from(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(name)
                .hasMessageNotContaining("\n"));
    }

    // HTTP edge (issue 10)
    @Test
    void the_body_deadline_defaults_to_ten_seconds_and_a_bad_or_zero_value_stops_the_start() {
        assertThat(Config.from(Map.of()).bodyDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Config.from(Map.of("OPENPAYPRO_BODY_DEADLINE", "2s")).bodyDeadline())
                .isEqualTo(Duration.ofSeconds(2));
        for (String bad : List.of("0s", "off", "ten seconds")) {
            assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_BODY_DEADLINE", bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("OPENPAYPRO_BODY_DEADLINE=" + bad + " is invalid")
                    .hasMessageNotContaining("\n");
        }
    }

    // rails (issue 12)
    @Test
    void the_channel_timeout_defaults_to_ten_seconds_and_a_bad_value_stops_the_start() {
        assertThat(Config.from(Map.of()).channelTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Config.from(Map.of("OPENPAYPRO_CHANNEL_TIMEOUT", "2s")).channelTimeout())
                .isEqualTo(Duration.ofSeconds(2));
        for (String bad : List.of("0s", "50ms", "3m", "soon")) {
            assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_CHANNEL_TIMEOUT", bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("OPENPAYPRO_CHANNEL_TIMEOUT=" + bad + " is invalid")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void the_rail_repoll_defaults_to_a_minute_and_a_bad_value_stops_the_start() {
        assertThat(Config.from(Map.of()).railRepoll()).isEqualTo(Duration.ofSeconds(60));
        assertThat(Config.from(Map.of("OPENPAYPRO_RAIL_REPOLL", "3s")).railRepoll()).isEqualTo(Duration.ofSeconds(3));
        for (String bad : List.of("0s", "500ms", "2h", "often")) {
            assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_RAIL_REPOLL", bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("OPENPAYPRO_RAIL_REPOLL=" + bad + " is invalid")
                    .hasMessageNotContaining("\n");
        }
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

    @Test
    void the_log_format_defaults_to_auto_accepts_json_and_text_and_a_typo_stops_the_start() {
        assertThat(Config.from(Map.of()).logFormat()).isEqualTo(LogFormat.AUTO);
        assertThat(Config.from(Map.of("OPENPAYPRO_LOG_FORMAT", "JSON")).logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(Config.from(Map.of("OPENPAYPRO_LOG_FORMAT", "text")).logFormat()).isEqualTo(LogFormat.TEXT);
        assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_LOG_FORMAT", "jsonl")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("OPENPAYPRO_LOG_FORMAT=jsonl is invalid: expected one of auto, json, text");
    }

    @Test
    void the_stuck_threshold_and_the_ledger_check_interval_have_defaults_and_a_bad_value_stops_the_start() {
        Config defaults = Config.from(Map.of());
        assertThat(defaults.stuckTradeAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.ledgerCheckInterval()).isEqualTo(Duration.ofHours(6));
        Config set = Config.from(Map.of("OPENPAYPRO_STUCK_TRADE_AFTER", "2h",
                "OPENPAYPRO_LEDGER_CHECK_INTERVAL", "off"));
        assertThat(set.stuckTradeAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(set.ledgerCheckInterval()).isNull();
        for (Map.Entry<String, String> bad : List.of(Map.entry("STUCK_TRADE_AFTER", "off"),
                Map.entry("STUCK_TRADE_AFTER", "0s"), Map.entry("LEDGER_CHECK_INTERVAL", "daily"))) {
            assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_" + bad.getKey(), bad.getValue())))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("OPENPAYPRO_" + bad.getKey() + "=" + bad.getValue() + " is invalid")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void the_web_session_idle_timeout_and_login_throttle_have_defaults_and_a_bad_value_stops_the_start() {
        Config defaults = Config.from(Map.of());
        assertThat(defaults.webSessionIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.webLoginFailuresPerMinute()).isEqualTo(10);
        Config set = Config.from(Map.of("OPENPAYPRO_WEB_SESSION_IDLE", "2h",
                "OPENPAYPRO_WEB_LOGIN_FAILURES_PER_MINUTE", "3"));
        assertThat(set.webSessionIdle()).isEqualTo(Duration.ofHours(2));
        assertThat(set.webLoginFailuresPerMinute()).isEqualTo(3);
        for (Map.Entry<String, String> bad : List.of(Map.entry("WEB_SESSION_IDLE", "off"),
                Map.entry("WEB_SESSION_IDLE", "2d"), Map.entry("WEB_LOGIN_FAILURES_PER_MINUTE", "0"))) {
            assertThatThrownBy(() -> Config.from(Map.of("OPENPAYPRO_" + bad.getKey(), bad.getValue())))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("OPENPAYPRO_" + bad.getKey() + "=" + bad.getValue() + " is invalid")
                    .hasMessageNotContaining("\n");
        }
    }
}
