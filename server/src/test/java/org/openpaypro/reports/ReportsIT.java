package org.openpaypro.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openpaypro.ledger.LedgerCheck;
import org.openpaypro.protocol.TradeStatus;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;
import org.openpaypro.trade.Direction;
import org.openpaypro.trade.TradeLedgerRules;

/** The reports read what the API made: trade pages, the CSV export, a trade's detail, statistics, the dashboard. */
class ReportsIT extends ScenarioIT {
    private static final String NOTIFY = "http://localhost:9/notify";

    private final Jdbi jdbi = gateway.app().database().jdbi();
    private final TradeSearch search = new TradeSearch(jdbi);

    private record Made(TestMerchant merchant, long merchantId, List<String> platformTradeNos) {
    }

    /** Five pay-ins (two succeed, one fails with a formula as its message, two stay processing), two payouts. */
    private Made merchantWithTrades() {
        TestMerchant merchant = fundedMerchant("1000.00", Map.of("payinFeeRate", "0.01"));
        PayProClient client = client(merchant);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(client.payin(PayinRequest.brazil(tradeNo(), "10.0" + i, "Ana", "12345678909", NOTIFY, "r"))
                    .dataOrThrow().platFormTradeNo());
        }
        for (int i = 0; i < 2; i++) {
            made.add(client.payout(PayoutRequest.brazilPix(tradeNo(), "5.00", "Maria Souza", "maria@example.com",
                    "+5511987654321", "CPF", "12345678909", "CPF", "12345678909", NOTIFY, "p"))
                    .dataOrThrow().platFormTradeNo());
        }
        complete(made.get(0), Map.of("status", "0000"));
        complete(made.get(1), Map.of("status", "0000"));
        complete(made.get(2), Map.of("status", "00029", "message", "=HYPERLINK(\"http://evil\")"));
        long merchantId = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT id FROM merchant WHERE merchant_no = :no").bind("no", merchant.merchantNo())
                .mapTo(Long.class).one());
        return new Made(merchant, merchantId, made);
    }

    @Test
    void pages_walk_every_trade_of_the_merchant_once_newest_first_and_never_another_merchants() {
        Made made = merchantWithTrades();
        merchantWithTrades();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TradePage page = search.page(TradeFilter.all(made.merchantId()), cursor, 3);
            page.rows().forEach(row -> seen.add(row.platformTradeNo()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(made.platformTradeNos());
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().containsExactlyElementsOf(newestFirst);
    }

    @Test
    void filters_select_only_the_matching_trades() {
        Made made = merchantWithTrades();
        long id = made.merchantId();
        assertThat(numbers(new TradeFilter(id, null, TradeStatus.SUCCESS, null, null, null, null)))
                .containsExactlyInAnyOrder(made.platformTradeNos().get(0), made.platformTradeNos().get(1));
        assertThat(numbers(new TradeFilter(id, Direction.PAYOUT, null, null, null, null, null)))
                .containsExactlyInAnyOrderElementsOf(made.platformTradeNos().subList(5, 7));
        assertThat(numbers(new TradeFilter(id, Direction.PAYIN, TradeStatus.PROCESSING, null, null, null, null)))
                .containsExactlyInAnyOrderElementsOf(made.platformTradeNos().subList(3, 5));
        String platformTradeNo = made.platformTradeNos().get(4);
        String tradeNo = search.page(new TradeFilter(id, null, null, null, null, null, platformTradeNo), null, 10)
                .rows().get(0).tradeNo();
        assertThat(numbers(new TradeFilter(null, null, null, null, null, tradeNo, null)))
                .containsExactly(platformTradeNo);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(numbers(new TradeFilter(id, null, null, today.minusDays(1), today, null, null))).hasSize(7);
        assertThat(numbers(new TradeFilter(id, null, null, today.plusDays(1), today.plusDays(2), null, null)))
                .isEmpty();
    }

    @Test
    void bad_filter_values_are_refused_with_a_message_naming_the_parameter() {
        assertThatThrownBy(() -> TradeFilter.fromParameters(null, Map.of("status", "9")::get))
                .hasMessageContaining("status must be");
        assertThatThrownBy(() -> TradeFilter.fromParameters(null, Map.of("from", "29/11/2026")::get))
                .hasMessage("from must be a date such as 2026-11-29");
        assertThatThrownBy(() -> TradeFilter.fromParameters(null,
                Map.of("from", "2026-12-02", "to", "2026-12-01")::get))
                .hasMessageContaining("ends (2026-12-01) before it starts");
        assertThatThrownBy(() -> search.page(TradeFilter.all(null), "1'; DROP TABLE trade", 10))
                .hasMessage("after must be the cursor of a previous page");
        assertThatThrownBy(() -> search.page(TradeFilter.all(null), null, 501))
                .hasMessage("limit must be from 1 to 500");
    }

    @Test
    void export_writes_every_matching_trade_as_csv_with_formulas_neutralised() {
        Made made = merchantWithTrades();
        StringWriter csv = new StringWriter();
        long rows = search.exportCsv(TradeFilter.all(made.merchantId()), csv);
        String[] lines = csv.toString().split("\r\n");
        assertThat(rows).isEqualTo(7);
        assertThat(lines).hasSize(8);
        assertThat(lines[0]).isEqualTo(String.join(",", TradeSearch.CSV_HEADER));
        Set<String> exported = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            exported.add(lines[i].substring(0, lines[i].indexOf(',')));
        }
        assertThat(exported).containsExactlyInAnyOrderElementsOf(made.platformTradeNos());
        String failed = List.of(lines).stream().filter(line -> line.startsWith(made.platformTradeNos().get(2)))
                .findFirst().orElseThrow();
        assertThat(failed).contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",").contains(",00029,");
    }

    @Test
    void a_trade_detail_shows_its_callback_attempts_and_postings_to_operators_only() {
        Made made = merchantWithTrades();
        String paid = made.platformTradeNos().get(0);
        TradeDetail detail = awaitCallbackAttempt(paid, made.merchantId());
        assertThat(detail.trade().feeText()).isEqualTo("0.1000");
        assertThat(detail.postings()).isEmpty();
        TradeDetail.CallbackAttempt attempt = detail.callbacks().get(0);
        assertThat(attempt.url()).isEqualTo(NOTIFY);
        assertThat(attempt.delivered()).isFalse();
        assertThat(attempt.requestHeaders()).contains("merchantNo: " + made.merchant().merchantNo());
        assertThat(detail.timeline()).extracting(TradeDetail.Event::what)
                .anyMatch(what -> what.startsWith("created"))
                .anyMatch(what -> what.startsWith("finished with status 0000"))
                .anyMatch(what -> what.startsWith("callback attempt 1"));

        TradeDetail operators = new TradeDetails(jdbi).find(paid, null, true).orElseThrow();
        assertThat(operators.postings()).extracting(TradeDetail.Posting::journalKind).contains("PAYIN_SUCCESS");
        assertThat(operators.postings().stream().mapToLong(TradeDetail.Posting::amountUnits).sum()).isZero();

        Made other = merchantWithTrades();
        assertThat(new TradeDetails(jdbi).find(paid, other.merchantId(), false)).isEmpty();
    }

    @Test
    void statistics_count_volume_and_success_per_day_country_and_channel_and_settlement_per_day() {
        Made made = merchantWithTrades();
        Statistics statistics = new Statistics(jdbi, Clock.systemUTC());
        List<DayVolume> days = statistics.daily(made.merchantId());
        DayVolume payins = days.stream().filter(day -> day.direction() == Direction.PAYIN).findFirst().orElseThrow();
        assertThat(payins.day()).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(payins.trades()).isEqualTo(5);
        assertThat(payins.finished()).isEqualTo(3);
        assertThat(payins.succeeded()).isEqualTo(2);
        assertThat(payins.volumeUnits()).isEqualTo(200_100L);
        assertThat(payins.successRate()).isEqualTo(2.0 / 3);

        assertThat(statistics.byMerchant(Instant.now().minusSeconds(3600)))
                .anyMatch(group -> group.key().equals(made.merchant().merchantNo())
                        && group.direction() == Direction.PAYOUT && group.trades() == 2);
        assertThat(statistics.byCountryAndChannel(Instant.now().minusSeconds(3600)))
                .anyMatch(group -> group.key().startsWith("BR/") && group.succeeded() >= 2);

        TestGateway.Answer run = gateway.admin("POST", "/admin/v1/settlement/run",
                Map.of("asOf", Instant.now().plusSeconds(40L * 86_400).toString()));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        List<SettlementDay> settled = statistics.settlementDays(made.merchantId(), LocalDate.now(ZoneOffset.UTC));
        assertThat(settled).hasSize(1);
        assertThat(settled.get(0).trades()).isEqualTo(2);
        assertThat(settled.get(0).feeUnits()).isEqualTo(2_001L);
        assertThat(settled.get(0).availableUnits()).isEqualTo(200_100L - 2_001L);
    }

    @Test
    void the_dashboard_counts_processing_trades_and_waiting_callbacks_and_reports_the_ledger_check() {
        Made made = merchantWithTrades();
        LedgerCheck check = new LedgerCheck(jdbi, new SimpleMeterRegistry(), TradeLedgerRules.rules());
        OperatorDashboard dashboard = new OperatorDashboard(jdbi, new Statistics(jdbi, Clock.systemUTC()), check,
                Clock.systemUTC());
        assertThat(dashboard.numbers().ledger()).isEmpty();
        check.run();
        OperatorDashboard.Numbers numbers = dashboard.numbers();
        assertThat(numbers.processingTrades()).isGreaterThanOrEqualTo(4);
        assertThat(numbers.ledger()).hasValueSatisfying(run -> assertThat(run.ok()).isTrue());
        assertThat(numbers.byCountryAndChannel()).anyMatch(group -> group.key().startsWith("BR/"));
        assertThat(made.platformTradeNos()).hasSize(7);
    }

    @Test
    void the_operator_api_lists_and_exports_the_same_trades_and_refuses_bad_filters_with_400() {
        Made made = merchantWithTrades();
        String query = "merchantNo=" + made.merchant().merchantNo() + "&direction=PAYIN";
        TestGateway.Answer first = gateway.admin("GET", "/admin/v1/trades?" + query + "&limit=3", null);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        first.json().path("trades").forEach(trade -> listed.add(trade.path("platFormTradeNo").asText()));
        String next = first.json().path("next").asText();
        TestGateway.Answer second = gateway.admin("GET", "/admin/v1/trades?" + query + "&limit=3&after=" + next, null);
        second.json().path("trades").forEach(trade -> listed.add(trade.path("platFormTradeNo").asText()));
        assertThat(second.json().path("next").isNull()).isTrue();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(made.platformTradeNos().subList(0, 5));

        TestGateway.Answer csv = gateway.get("/admin/v1/trades.csv?" + query);
        assertThat(csv.status()).isEqualTo(401);
        TestGateway.Answer exported = gateway.admin("GET", "/admin/v1/trades.csv?" + query, null);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.body().split("\r\n")).hasSize(6);

        assertThat(gateway.admin("GET", "/admin/v1/trades?status=7", null).status()).isEqualTo(400);
        assertThat(gateway.admin("GET", "/admin/v1/trades?after=x", null).json().path("error").asText())
                .isEqualTo("trade filter: after must be the cursor of a previous page");
        assertThat(gateway.admin("GET", "/admin/v1/trades?merchantNo=0000000000", null).status()).isEqualTo(404);
    }

    private TradeDetail awaitCallbackAttempt(String platformTradeNo, long merchantId) {
        TradeDetails details = new TradeDetails(jdbi);
        return Await.until("a callback attempt of " + platformTradeNo, Duration.ofSeconds(20),
                () -> details.find(platformTradeNo, merchantId, false).orElseThrow(),
                detail -> !detail.callbacks().isEmpty());
    }

    private List<String> numbers(TradeFilter filter) {
        return search.page(filter, null, 100).rows().stream().map(TradeRow::platformTradeNo).toList();
    }
}
