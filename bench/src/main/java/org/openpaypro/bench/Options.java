package org.openpaypro.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run's settings: flags, else {@code BENCH_<FLAG>} variables, else the defaults of {@link #USAGE}; validated once,
 * a bad value names its flag. {@code rate} 0 = 70 % of the closed-loop throughput; empty sweeps = none. Immutable.
 */
public record Options(Duration duration, Duration warmup, int clients, double rate, List<Scenario> scenarios,
                      Path outputDir, Path serverJar, boolean ceiling, String serverJvmOptions, int merchants,
                      List<Long> sweepClients, List<Long> sweepTrades) {

    private static final List<String> FLAGS = List.of("duration", "warmup", "clients", "rate", "scenarios", "out",
            "server-jar", "ceiling", "server-jvm", "merchants", "sweep-clients", "sweep-trades");

    static final String USAGE = """
            usage: bench/run [flags]   (each flag also as BENCH_<FLAG>, '-' as '_'; flags win; docs/PERFORMANCE.md)
              --duration 30s           measured time of each phase (closed loop, open loop, pgbench)
              --warmup 10s             unrecorded closed-loop warm-up before each scenario (0s: none)
              --clients 16             concurrent clients (closed loop) / connections (open loop) / pgbench clients
              --rate 0                 open-loop requests/s; 0 = 70%% of the closed-loop throughput
              --scenarios all          comma list of: %s ("all" leaves out trades-page,
                                       which first loads BENCH_TRADES_PAGE_ROWS trades, default 1000000)
              --out bench/results      where the Markdown report goes
              --server-jar PATH        default server/target/openpaypro-server.jar
              --no-ceiling             (BENCH_CEILING=off) skip the statement capture and the pgbench ceiling
              --server-jvm "-Xmx1g"    JVM options of the server process
              --merchants 100          merchants created and spread over
              --sweep-clients LIST     e.g. 1,4,16,64,256: payin-create and query-payin at each client count
              --sweep-trades LIST      e.g. 0,1000000: trades bulk-loaded, then query-payin, balance, trade list
            OPENPAYPRO_DB_URL (+ _DB_USER, _DB_PASSWORD) is passed to the server: it then uses that database.
            """.formatted(Scenario.NAMES);

    public static Options parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>(Map.of("duration", "30s", "warmup", "10s", "clients", "16", "rate",
                "0", "scenarios", "all", "out", "bench/results", "server-jar", "server/target/openpaypro-server.jar",
                "ceiling", "on", "server-jvm", "-Xmx1g", "merchants", "100"));
        for (String flag : FLAGS) {
            String variable = env.get("BENCH_" + flag.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (variable != null && !variable.isBlank()) {
                values.put(flag, variable.trim());
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") ? arg.substring(2, eq < 0 ? arg.length() : eq) : arg;
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            } else if (arg.equals("--no-ceiling")) {
                values.put("ceiling", "off");
            } else if (!arg.startsWith("--") || !FLAGS.contains(name) || name.equals("ceiling")) {
                throw new IllegalArgumentException("unknown flag " + arg + "\n" + USAGE);
            } else if (eq < 0 && i + 1 == args.length) {
                throw new IllegalArgumentException("flag --" + name + " needs a value\n" + USAGE);
            } else {
                values.put(name, eq >= 0 ? arg.substring(eq + 1) : args[++i]);
            }
        }
        String scenarios = values.get("scenarios");
        return new Options(duration(values.get("duration"), "duration"), duration(values.get("warmup"), "warmup"),
                (int) number(values.get("clients"), "clients", 1, 1024), number(values.get("rate"), "rate", 0, 1e9),
                scenarios.equalsIgnoreCase("all") ? Arrays.stream(Scenario.values())
                        .filter(scenario -> scenario != Scenario.TRADES_PAGE).toList()
                        // always in the documented order: query scenarios read what the create scenarios wrote
                        : Arrays.stream(scenarios.split(",")).map(name -> Scenario.byName(name.trim())).distinct()
                        .sorted().toList(),
                Path.of(values.get("out")), Path.of(values.get("server-jar")),
                !List.of("off", "false", "0").contains(values.get("ceiling").toLowerCase(Locale.ROOT)),
                values.get("server-jvm"), (int) number(values.get("merchants"), "merchants", 2, 10_000),
                list(values.get("sweep-clients"), "sweep-clients", 1, 1024),
                list(values.get("sweep-trades"), "sweep-trades", 0, 100_000_000));
    }

    /** Parses {@code 500ms}, {@code 5s}, {@code 2m} or a bare number of seconds; only the warm-up may be zero. */
    static Duration duration(String text, String flag) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            long millis = Math.round(Double.parseDouble(value.replaceFirst("(ms|s|m)$", ""))
                    * (value.endsWith("ms") ? 1 : value.endsWith("m") ? 60_000 : 1000));
            if (millis > 0 || millis == 0 && flag.equals("warmup")) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must look like 500ms, 5s or 2m, not '" + text + "'");
        }
        throw new IllegalArgumentException("--" + flag + " must be positive");
    }

    /** A comma list of integers in [min, max], ascending and distinct; null or "" is the empty list. */
    static List<Long> list(String text, String flag, long min, long max) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split(","))
                .map(item -> (long) number(item.replace("_", ""), flag, min, max)).distinct().sorted().toList();
    }

    private static double number(String text, String flag, double min, double max) {
        try {
            double value = Double.parseDouble(text.trim());
            if (value >= min && value <= max && (flag.equals("rate") || value == Math.rint(value))) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--" + flag + " must be " + (flag.equals("rate") ? "a number" : "an integer")
                + " from " + (long) min + " to " + (long) max + ", not '" + text + "'");
    }
}
