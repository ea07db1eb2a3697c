package org.openpaypro.channel.pix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** txid and idEnvio derivation (DESIGN §13 edge conversions). */
class PixIdsTest {
    @Test
    void aTradeNumberGivesTheSameTxidEveryTimeWithinTheStandardsPattern() {
        String txid = PixIds.txid("k3j9x0a1b2c3d4e5");

        assertThat(txid).isEqualTo(PixIds.txid("k3j9x0a1b2c3d4e5")).matches("[a-zA-Z0-9]{26,35}");
        assertThat(PixIds.txid("k3j9x0a1b2c3d4e6")).isNotEqualTo(txid);
        assertThat(PixIds.tradeNoOfTxid(txid)).contains("k3j9x0a1b2c3d4e5");
    }

    @Test
    void shortAndLongestReadableTradeNumbersStayWithin26To35Characters() {
        assertThat(PixIds.txid("a")).hasSize(26);
        assertThat(PixIds.txid("a".repeat(30))).hasSize(35);
        assertThat(PixIds.tradeNoOfTxid(PixIds.txid("a"))).contains("a");
        assertThat(PixIds.tradeNoOfTxid(PixIds.txid("b".repeat(30)))).contains("b".repeat(30));
    }

    @Test
    void aTradeNumberThatCannotBeCarriedIsHashedAndNotReadBack() {
        String txid = PixIds.txid("trade-with-dashes_and_more");
        String idEnvio = PixIds.idEnvio("x".repeat(40));

        assertThat(txid).matches("[a-zA-Z0-9]{26,35}").isEqualTo(PixIds.txid("trade-with-dashes_and_more"));
        assertThat(idEnvio).matches("[a-zA-Z0-9]{1,35}");
        assertThat(PixIds.tradeNoOfTxid(txid)).isEmpty();
    }

    @Test
    void anIdEnvioIsAtMost35AlphanumericsAndStable() {
        String idEnvio = PixIds.idEnvio("k3j9x0a1b2c3d4e5");

        assertThat(idEnvio).isEqualTo(PixIds.idEnvio("k3j9x0a1b2c3d4e5")).matches("[a-zA-Z0-9]{1,35}");
        assertThat(PixIds.idEnvio("z".repeat(32))).hasSize(35);
        assertThat(PixIds.tradeNoOfIdEnvio(idEnvio)).contains("k3j9x0a1b2c3d4e5");
    }

    @Test
    void aForeignTxidNamesNoTrade() {
        assertThat(PixIds.tradeNoOfTxid("7978c0c97ea847e78e8849634473c1f1")).isEmpty();
        assertThat(PixIds.tradeNoOfTxid("opp99" + "a".repeat(25))).isEmpty();
        assertThat(PixIds.tradeNoOfTxid("opp02ab0000000000000000001")).isEmpty();
    }
}
