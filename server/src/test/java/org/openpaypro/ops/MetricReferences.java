package org.openpaypro.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the Grafana dashboard and the Prometheus alert rules in {@code ops/} only name metrics and labels that
 * {@code /metrics} really exposes (issue 17). PromQL is read roughly but on purpose: string literals, range and
 * offset brackets and Grafana variables are dropped; {@code name{...}} matchers give the labels that must exist on
 * that series; {@code by/without/on/ignoring(...)} give labels that must exist on some series of the expression;
 * the remaining identifiers, minus those followed by {@code (} (functions, aggregations) and the PromQL keywords, are
 * metric names. Histogram series are matched by their full names ({@code _bucket}, {@code _count}, {@code _sum}) as
 * the scrape lists them. Stateless, thread-safe.
 */
public final class MetricReferences {
    /** Labels Prometheus adds to every series it scrapes. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    /** Series Prometheus makes itself for every target. */
    private static final Map<String, Set<String>> SYNTHETIC = Map.of("up", TARGET_LABELS,
            "scrape_duration_seconds", TARGET_LABELS);
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

    private MetricReferences() {
    }

    /** What one expression needs: metric → labels matched on it, and the labels it groups or joins by. */
    public record Needs(String expr, Map<String, Set<String>> metrics, Set<String> groupingLabels) {
    }

    /** Reads one PromQL expression. */
    public static Needs parse(String expr) {
        String text = STRING.matcher(expr).replaceAll("\"\"");
        text = RANGE.matcher(VARIABLE.matcher(text).replaceAll("1m")).replaceAll(" ");
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        Matcher selector = SELECTOR.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (selector.find()) {
            Set<String> labels = metrics.computeIfAbsent(selector.group(1), name -> new LinkedHashSet<>());
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                labels.add(matcher.group(1));
            }
            selector.appendReplacement(rest, " " + Matcher.quoteReplacement(selector.group(1)) + " ");
        }
        selector.appendTail(rest);
        Set<String> grouping = new LinkedHashSet<>();
        Matcher group = GROUPING.matcher(rest);
        StringBuilder bare = new StringBuilder();
        while (group.find()) {
            for (String label : group.group(1).split(",")) {
                if (!label.isBlank()) {
                    grouping.add(label.strip());
                }
            }
            group.appendReplacement(bare, " ");
        }
        group.appendTail(bare);
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group(1);
            if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                metrics.computeIfAbsent(name, n -> new LinkedHashSet<>());
            }
        }
        return new Needs(expr, metrics, grouping);
    }

    /** Every {@code expr} of the dashboard's panels (at any depth) and of the alert rules. */
    public static List<String> expressions(Path dashboard, Path alerts) throws IOException {
        List<String> exprs = new ArrayList<>();
        new ObjectMapper().readTree(Files.readString(dashboard)).findValues("expr")
                .forEach(node -> exprs.add(node.asText()));
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(alerts));
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                exprs.add(rule.path("expr").asText());
            }
        }
        return exprs;
    }

    /** The scrape's series names with the label names seen on each (Prometheus text format). */
    public static Map<String, Set<String>> scrape(String text) {
        Map<String, Set<String>> series = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            Set<String> labels = series.computeIfAbsent(line.substring(0, end), name -> new TreeSet<>());
            if (end < line.length() && line.charAt(end) == '{') {
                labels.addAll(labelNames(line, end + 1));
            }
        }
        return series;
    }

    private static List<String> labelNames(String line, int from) {
        List<String> names = new ArrayList<>();
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            names.add(line.substring(i, equals).strip());
            i = equals + 2; // past ="
            while (line.charAt(i) != '"') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
            i++;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return names;
    }

    /** What the expressions name that the scrape does not have; empty when everything exists. */
    public static List<String> problems(List<String> exprs, Map<String, Set<String>> scraped) {
        Map<String, Set<String>> known = new TreeMap<>(scraped);
        known.putAll(SYNTHETIC);
        List<String> problems = new ArrayList<>();
        for (String expr : exprs) {
            Needs needs = parse(expr);
            if (needs.metrics().isEmpty()) {
                problems.add("no metric in: " + expr);
            }
            Set<String> available = new TreeSet<>(TARGET_LABELS);
            needs.metrics().forEach((metric, labels) -> {
                Set<String> has = known.get(metric);
                if (has == null) {
                    problems.add("metric " + metric + " is not in /metrics (" + expr + ")");
                    return;
                }
                available.addAll(has);
                labels.stream().filter(label -> !has.contains(label) && !TARGET_LABELS.contains(label))
                        .forEach(label -> problems.add("metric " + metric + " has no label " + label));
            });
            needs.groupingLabels().stream().filter(label -> !available.contains(label))
                    .forEach(label -> problems.add("no metric of the expression has label " + label + " (" + expr
                            + ")"));
        }
        return problems;
    }
}
