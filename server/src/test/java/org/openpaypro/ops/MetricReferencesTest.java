package org.openpaypro.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricReferencesTest {
    static final Path OPS = Files.isDirectory(Path.of("../ops")) ? Path.of("../ops") : Path.of("ops");
    static final Path DASHBOARD = OPS.resolve("grafana/openpaypro.json");
    static final Path ALERTS = OPS.resolve("prometheus/alerts.yml");

    @Test
    void a_histogram_quantile_names_the_bucket_series_its_matchers_and_its_grouping_labels() {
        var needs = MetricReferences.parse("histogram_quantile(0.99, sum by (le, route) (rate("
                + "openpaypro_http_requests_seconds_bucket{route=~\".*/(payin|payIn)\"}[$__rate_interval])))");
        assertThat(needs.metrics()).containsOnlyKeys("openpaypro_http_requests_seconds_bucket");
        assertThat(needs.metrics().get("openpaypro_http_requests_seconds_bucket")).containsExactly("route");
        assertThat(needs.groupingLabels()).containsExactly("le", "route");
    }

    @Test
    void functions_keywords_numbers_durations_strings_and_variables_are_not_metric_names() {
        var needs = MetricReferences.parse("(sum(rate(a_total{code=\"5000 or b\"}[5m]) or rate(b_total[1h] offset "
                + "5m)) or vector(0)) / time() > 0.05 and on (instance) c_up == bool 1e3 unless "
                + "max(d_total{route=~\"$route\"}[$__rate_interval])");
        assertThat(needs.metrics()).containsOnlyKeys("a_total", "b_total", "c_up", "d_total");
        assertThat(needs.metrics().get("d_total")).containsExactly("route");
        assertThat(needs.groupingLabels()).containsExactly("instance");
    }

    @Test
    void the_scrape_gives_each_series_name_with_its_label_names_even_with_braces_in_values() {
        var scraped = MetricReferences.scrape("""
                # HELP x_seconds help
                # TYPE x_seconds histogram
                x_seconds_bucket{code="none",route="/cashier/{token}",le="0.005",} 1.0
                x_seconds_count{route="/a,\\"b\\"",status="200"} 3.0
                plain_gauge 2.0
                """);
        assertThat(scraped).containsOnlyKeys("x_seconds_bucket", "x_seconds_count", "plain_gauge");
        assertThat(scraped.get("x_seconds_bucket")).containsExactly("code", "le", "route");
        assertThat(scraped.get("x_seconds_count")).containsExactly("route", "status");
        assertThat(scraped.get("plain_gauge")).isEmpty();
    }

    @Test
    void a_wrong_metric_or_label_in_a_copy_of_the_dashboard_fails_the_check(@TempDir Path dir) throws IOException {
        List<String> exprs = MetricReferences.expressions(DASHBOARD, ALERTS);
        Map<String, Set<String>> everything = everythingReferenced(exprs);
        assertThat(MetricReferences.problems(exprs, everything)).isEmpty();

        String original = Files.readString(DASHBOARD);
        Path copy = dir.resolve("dashboard.json");
        Files.writeString(copy, original.replace("max(openpaypro_notify_pending)", "max(openpaypro_notify_pendingg)"));
        assertThat(MetricReferences.problems(MetricReferences.expressions(copy, ALERTS), everything))
                .singleElement().asString().startsWith("metric openpaypro_notify_pendingg is not in /metrics");

        Files.writeString(copy, original.replace("sum by (outcome)", "sum by (outcomes)"));
        assertThat(MetricReferences.problems(MetricReferences.expressions(copy, ALERTS), everything))
                .singleElement().asString().startsWith("no metric of the expression has label outcomes");
    }

    @Test
    void a_matcher_on_a_label_the_series_does_not_have_fails_the_check() {
        var scraped = Map.<String, Set<String>>of("openpaypro_trades_stuck", Set.of("direction"));
        assertThat(MetricReferences.problems(List.of("max(openpaypro_trades_stuck{direction=\"PAYOUT\"}) > 0"),
                scraped)).isEmpty();
        assertThat(MetricReferences.problems(List.of("max(openpaypro_trades_stuck{dir=\"PAYOUT\"}) > 0"), scraped))
                .containsExactly("metric openpaypro_trades_stuck has no label dir");
    }

    /** A scrape that has every metric the expressions name, with every label they use on it. */
    private static Map<String, Set<String>> everythingReferenced(List<String> exprs) {
        Map<String, Set<String>> all = new TreeMap<>();
        for (String expr : exprs) {
            var needs = MetricReferences.parse(expr);
            needs.metrics().forEach((metric, labels) -> {
                Set<String> set = all.computeIfAbsent(metric, m -> new TreeSet<>());
                set.addAll(labels);
                set.addAll(needs.groupingLabels());
            });
        }
        return all;
    }
}
