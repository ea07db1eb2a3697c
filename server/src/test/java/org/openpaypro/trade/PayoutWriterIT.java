package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openpaypro.error.Rejection;
import org.openpaypro.ledger.Ledger;
import org.openpaypro.testing.Funding;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/** One batch of the payout writer holding duplicates, a payout over the funds left and good ones. */
class PayoutWriterIT {
    private static final long UNITS_PER_MAJOR = 10_000;

    @Test
    void one_batch_answers_each_payout_on_its_own_in_arrival_order_and_writes_nothing_for_the_refused() {
        TestGateway gateway = TestGateway.get();
        TestMerchant merchant = gateway.createMerchant();
        Funding.fund(gateway::admin, merchant.merchantNo(), "100.00");
        Jdbi jdbi = gateway.app().database().jdbi();
        long merchantId = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT id FROM merchant WHERE merchant_no = :no").bind("no", merchant.merchantNo())
                .mapTo(Long.class).one());
        PayoutWriter writer = new PayoutWriter(jdbi, new TradeRepository(), new Ledger());
        String tag = "W" + System.nanoTime();
        writer.create(draft(merchantId, tag + "A", 10), 10 * UNITS_PER_MAJOR);

        List<PayoutWriter.Outcome> outcomes = writer.write(List.of(
                new PayoutWriter.Draft(draft(merchantId, tag + "A", 5), 5 * UNITS_PER_MAJOR),
                new PayoutWriter.Draft(draft(merchantId, tag + "B", 30), 30 * UNITS_PER_MAJOR),
                new PayoutWriter.Draft(draft(merchantId, tag + "C", 70), 70 * UNITS_PER_MAJOR),
                new PayoutWriter.Draft(draft(merchantId, tag + "D", 50), 50 * UNITS_PER_MAJOR),
                new PayoutWriter.Draft(draft(merchantId, tag + "B", 1), UNITS_PER_MAJOR)));

        // 100 funded, 10 frozen before: B (30) fits, C (70) does not fit the 60 left, D (50) still does
        assertThat(outcomes).extracting(PayoutWriter.Outcome::refusal).containsExactly(
                Rejection.DUPLICATE_TRADE_NO, null, Rejection.INSUFFICIENT_BALANCE, null,
                Rejection.DUPLICATE_TRADE_NO);
        assertThat(outcomes.get(1).trade().tradeNo()).isEqualTo(tag + "B");
        assertThat(outcomes.get(3).trade().tradeNo()).isEqualTo(tag + "D");
        Map<String, Long> frozenByTradeNo = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT t.trade_no, p.amount FROM trade t JOIN journal j ON j.trade_id = t.id
                        JOIN posting p ON p.journal_id = j.id JOIN account a ON a.id = p.account_id
                        WHERE t.merchant_id = :m AND j.kind = 'PAYOUT_FREEZE' AND a.kind = 'FROZEN'""")
                .bind("m", merchantId)
                .reduceRows(new HashMap<String, Long>(), (map, row) -> {
                    map.put(row.getColumn("trade_no", String.class), row.getColumn("amount", Long.class));
                    return map;
                }));
        assertThat(frozenByTradeNo).isEqualTo(Map.of(tag + "A", 10 * UNITS_PER_MAJOR, tag + "B",
                30 * UNITS_PER_MAJOR, tag + "D", 50 * UNITS_PER_MAJOR));
        long tradesOfC = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM trade WHERE merchant_id = :m AND trade_no = :no")
                .bind("m", merchantId).bind("no", tag + "C").mapTo(Long.class).one());
        assertThat(tradesOfC).isZero();
        long queued = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM payout_submission WHERE merchant_id = :m").bind("m", merchantId)
                .mapTo(Long.class).one());
        assertThat(queued).isEqualTo(3);
        gateway.assertLedgerOk();
    }

    private static NewTrade draft(long merchantId, String tradeNo, long major) {
        return NewTrade.builder().platformTradeNo(TradeService.newPlatformTradeNo()).merchantId(merchantId)
                .tradeNo(tradeNo).direction(Direction.PAYOUT).country("BR").currency("BRL")
                .amountUnits(major * UNITS_PER_MAJOR).amountText(major + ".00")
                .notifyUrl("https://merchant.example/notify")
                .details(Map.of("accountType", "CPF", "accountNo", "12345678909", "name", "Ana")).channel("simulator")
                .build();
    }
}
