package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openpaypro.channel.ChannelAttemptRepository;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.channel.SubmissionRepository;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryData;
import org.openpaypro.ledger.Ledger;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The result is one statement that applies only to the trade as it was read (issue 15): a trade that moved to
 * another channel after the caller read it (a failover) is applied again as it is now, so its clearing posting is on
 * the channel it is on; a repeated result changes nothing.
 */
class ResultStatementIT extends ScenarioIT {
    @Test
    void a_result_read_before_a_failover_posts_to_the_channel_the_trade_is_on_now() {
        TestMerchant merchant = gateway.createMerchant();
        String platformNo = gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(),
                PayinRequest.brazil(tradeNo(), "10.00", "Ana", "12345678909", "https://merchant.example/notify", "r")
                        .toFields()).json().path("data").path("platFormTradeNo").asText();
        Jdbi jdbi = gateway.app().database().jdbi();
        TradeRepository repository = new TradeRepository();
        Trade seen = jdbi.withHandle(handle -> repository.findByPlatformNo(handle, platformNo)).orElseThrow();
        jdbi.useHandle(handle -> repository.rail(handle, platformNo, "failover", null, null));
        TradeService service = new TradeService(jdbi, repository, new Ledger(), null, new SubmissionRepository(),
                new ChannelAttemptRepository(), new Countries(Map.of(), new CountryData(null)), 1);

        TradeService.Completion completion = service.complete(seen, ChannelResult.success(), null).orElseThrow();

        assertThat(completion.changed()).isTrue();
        assertThat(completion.trade().channel()).isEqualTo("failover");
        String clearing = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT a.channel FROM journal j JOIN posting p ON p.journal_id = j.id
                        JOIN account a ON a.id = p.account_id
                        WHERE j.trade_id = :trade AND a.kind = 'CHANNEL_CLEARING'""")
                .bind("trade", seen.id()).mapTo(String.class).one());
        assertThat(clearing).isEqualTo("failover");
        assertThat(service.complete(seen, ChannelResult.success(), null).orElseThrow().changed()).isFalse();
        gateway.assertLedgerOk();
    }
}
