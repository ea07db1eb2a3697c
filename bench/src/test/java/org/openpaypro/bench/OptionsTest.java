package org.openpaypro.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void defaults_are_those_of_the_documentation() {
        Options options = Options.parse(new String[0], Map.of());

        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.clients()).isEqualTo(16);
        assertThat(options.rate()).isZero();
        assertThat(options.scenarios()).hasSize(Scenario.values().length - 1).doesNotContain(Scenario.TRADES_PAGE);
        assertThat(options.outputDir()).isEqualTo(Path.of("bench/results"));
        assertThat(options.ceiling()).isTrue();
        assertThat(options.merchants()).isEqualTo(100);
        assertThat(options.sweepClients()).isEmpty();
        assertThat(Options.duration("2m", "duration")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Options.duration("1.5", "duration")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Options.duration("0s", "warmup")).isZero();
    }

    @Test
    void flags_win_over_environment_and_scenarios_run_in_their_fixed_order() {
        Options options = Options.parse(new String[] {"--duration", "5s", "--clients=8", "--scenarios",
                "balance,payin-create", "--no-ceiling", "--sweep-clients", "16,1,4"},
                Map.of("BENCH_DURATION", "60s", "BENCH_WARMUP", "500ms", "BENCH_RATE", "250", "BENCH_SWEEP_TRADES",
                        "0,1_000_000"));

        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.clients()).isEqualTo(8);
        assertThat(options.rate()).isEqualTo(250);
        assertThat(options.scenarios()).isEqualTo(List.of(Scenario.PAYIN_CREATE, Scenario.BALANCE));
        assertThat(options.ceiling()).isFalse();
        assertThat(options.sweepClients()).containsExactly(1L, 4L, 16L);
        assertThat(options.sweepTrades()).containsExactly(0L, 1_000_000L);
    }

    @Test
    void a_bad_value_names_the_flag() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--clients", "0"}, Map.of()))
                .hasMessageContaining("--clients");
        assertThatThrownBy(() -> Options.parse(new String[] {"--duration", "soon"}, Map.of()))
                .hasMessageContaining("--duration");
        assertThatThrownBy(() -> Options.parse(new String[] {"--scenarios", "payin"}, Map.of()))
                .hasMessageContaining("unknown scenario 'payin'");
        assertThatThrownBy(() -> Options.parse(new String[] {"--colour", "red"}, Map.of()))
                .hasMessageContaining("unknown flag --colour");
        assertThatThrownBy(() -> Options.parse(new String[] {"--transport", "jdk"}, Map.of()))
                .hasMessageContaining("unknown flag --transport");
        assertThatThrownBy(() -> Options.parse(new String[] {"--rate", "-1"}, Map.of()))
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> Options.parse(new String[] {"--sweep-clients", "1,0"}, Map.of()))
                .hasMessageContaining("--sweep-clients");
        assertThatThrownBy(() -> Options.parse(new String[] {"--merchants", "2.5"}, Map.of()))
                .hasMessageContaining("--merchants");
    }
}
