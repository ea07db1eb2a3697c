package org.openpaypro.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TradeStatusTest {

    @Test
    void wire_codes_match_the_spec() {
        assertThat(TradeStatus.SUCCESS.wire()).isEqualTo("0000");
        assertThat(TradeStatus.PROCESSING.wire()).isEqualTo("0015");
        assertThat(TradeStatus.PARTIAL.wire()).isEqualTo("0001");
        assertThat(TradeStatus.FAILED.wire()).isEqualTo("00029");
    }

    @Test
    void only_processing_is_not_terminal() {
        for (TradeStatus status : TradeStatus.values()) {
            assertThat(status.terminal()).as(status.name()).isEqualTo(status != TradeStatus.PROCESSING);
        }
    }

    @Test
    void from_wire_round_trips_every_status() {
        for (TradeStatus status : TradeStatus.values()) {
            assertThat(TradeStatus.fromWire(status.wire())).isSameAs(status);
        }
    }

    @Test
    void from_wire_rejects_unknown_null_and_near_misses() {
        assertThatThrownBy(() -> TradeStatus.fromWire("00032")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("00032");
        assertThatThrownBy(() -> TradeStatus.fromWire("29")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TradeStatus.fromWire(" 0000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TradeStatus.fromWire(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
