package org.openpaypro.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.AmountFormatException;
import org.openpaypro.protocol.TradeStatus;

class ResultsTest {

    @Test
    void status_codes_of_other_countries_are_final_failures_and_known_ones_map_exactly() {
        assertThat(new PayoutData("t", "p", "0000").tradeStatus()).isEqualTo(TradeStatus.SUCCESS);
        assertThat(new PayoutData("t", "p", "0015").tradeStatus()).isEqualTo(TradeStatus.PROCESSING);
        assertThat(new PayoutData("t", "p", "0001").tradeStatus()).isEqualTo(TradeStatus.PARTIAL);
        assertThat(new PayoutData("t", "p", "00029").tradeStatus()).isEqualTo(TradeStatus.FAILED);
        assertThat(new PayoutData("t", "p", "60019").tradeStatus()).isEqualTo(TradeStatus.FAILED);
    }

    @Test
    void missing_status_cannot_be_read_as_a_trade_state() {
        assertThatThrownBy(() -> new PayinData("t", "p", null, null, null, null, null, null).tradeStatus())
                .isInstanceOf(PayProException.class).hasMessageContaining("status");
    }

    @Test
    void only_processing_is_not_final() {
        assertThat(new TradeResult("p", "t", "1", "0015", "PAYING", null).isFinal()).isFalse();
        assertThat(new TradeResult("p", "t", "1", "0000", "SUCCESS", "2024-07-01 18:34:31").isFinal()).isTrue();
        assertThat(new TradeResult("p", "t", "1", "00032", "UNKNOWN_ERROR", null).isFinal()).isTrue();
    }

    @Test
    void outer_codes_select_exactly_one_of_accepted_rejected_and_unknown() {
        ApiResult<String> accepted = new ApiResult<>("0000", "success", true, 1L, "data");
        ApiResult<String> rejected = new ApiResult<>("8000", "duplicate tradeNo", false, 1L, null);
        ApiResult<String> unknown = new ApiResult<>("5000", "system exception", false, 1L, null);

        assertThat(accepted.accepted()).isTrue();
        assertThat(accepted.dataOrThrow()).isEqualTo("data");
        assertThat(rejected.rejected()).isTrue();
        assertThat(rejected.accepted() || rejected.outcomeUnknown()).isFalse();
        assertThat(unknown.outcomeUnknown()).isTrue();
        assertThat(unknown.accepted() || unknown.rejected()).isFalse();
    }

    @Test
    void accepted_result_without_data_does_not_pretend_to_have_some() {
        ApiResult<String> empty = new ApiResult<>("0000", "success", true, 1L, null);

        assertThatThrownBy(empty::dataOrThrow).isInstanceOf(PayProException.class).hasMessageContaining("no data");
    }

    @Test
    void balance_units_are_exact_and_bad_amounts_fail_loudly() {
        BalanceData balance = new BalanceData("0.0001", "-2.25", null);

        assertThat(balance.availableUnits()).isEqualTo(1L);
        assertThat(balance.freezeUnits()).isEqualTo(-22_500L);
        assertThatThrownBy(balance::unsettledUnits).isInstanceOf(AmountFormatException.class);
        assertThatThrownBy(() -> new BalanceData("1.00001", "0", "0").availableUnits())
                .isInstanceOf(AmountFormatException.class);
    }

    @Test
    void indonesian_misspelling_of_available_amount_is_understood() throws Exception {
        BalanceData balance = Json.MAPPER.readValue(
                "{\"availablAmount\":\"5.0000\",\"freezeAmount\":\"0\",\"unsettledAmount\":\"0\"}", BalanceData.class);

        assertThat(balance.availableUnits()).isEqualTo(50_000L);
    }
}
