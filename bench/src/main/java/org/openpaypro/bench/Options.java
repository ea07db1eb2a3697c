package org.openpaypro.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of one benchmark run, from command-line flags, else environment variables, else defaults. Validated once;
 * a bad value fails with a message naming the flag. Immutable.
 *
 * @param rate open-loop requests/s; 0 = 70 % of the closed-loop throughput just measured
 */
public record Options(Duration duration, Duration warmup, int clients, double rate, List<Scenario> scenarios,
                      Path outputDir, Path serverJar, Transport transport, boolean ceiling, String serverJvmOptions,
                      int merchants, boolean compareTransports) {

    /** How the driver talks HTTP; see docs/PERFORMANCE.md for what each costs the client. */
    public enum Transport { RAW, JDK, SDK }

    static final String USAGE = """
            usage: bench/run [flags]        (each flag also as an environment variable, flags win)
              --duration 30s        BENCH_DURATION     measured time of each phase (closed loop, open loop, pgbench)
              --warmup 10s          BENCH_WARMUP       unrecorded closed-loop warm-up before each scenario
              --clients 16          BENCH_CLIENTS      concurrent clients (closed loop) / connections (open loop)
              --rate 0              BENCH_RATE         open-loop requests/s; 0 = 70%% of the closed-loop throughput
              --scenarios all       BENCH_SCENARIOS    comma list of: %s
                                    ("all" leaves out trades-page, which loads BENCH_TRADES_PAGE_ROWS trades,
                                    default 1000000, into one merchant first)
              --out bench/results   BENCH_OUT          where the Markdown report goes
              --server-jar PATH     BENCH_SERVER_JAR   default server/target/openpaypro-server.jar
              --transport raw       BENCH_TRANSPORT    raw (pre-signed, keep-alive socket per client), jdk, sdk
              --no-ceiling          BENCH_CEILING=off  skip the statement capture and pgbench ceiling
              --server-jvm "-Xmx1g" BENCH_SERVER_JVM   JVM options of the server process
              --merchants 100       BENCH_MERCHANTS    merchants created and spread over
              --compare-transports  BENCH_COMPARE_TRANSPORTS=1  first measure the driver's CPU per request of
                                    each transport (balance, closed loop) and report it
            OPENPAYPRO_DB_URL (+ _DB_USER, _DB_PASSWORD) is passed to the server: it then uses that database.
            """.formatted(String.join(", ", Scenario.names()));

    public static Options parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "duration", env.get("BENCH_DURATION"));
        put(values, "warmup", env.get("BENCH_WARMUP"));
        put(values, "clients", env.get("BENCH_CLIENTS"));
        put(values, "rate", env.get("BENCH_RATE"));
        put(values, "scenarios", env.get("BENCH_SCENARIOS"));
        put(values, "out", env.get("BENCH_OUT"));
        put(values, "server-jar", env.get("BENCH_SERVER_JAR"));
        put(values, "transport", env.get("BENCH_TRANSPORT"));
        put(values, "ceiling", env.get("BENCH_CEILING"));
        put(values, "server-jvm", env.get("BENCH_SERVER_JVM"));
        put(values, "merchants", env.get("BENCH_MERCHANTS"));
        put(values, "compare-transports", env.get("BENCH_COMPARE_TRANSPORTS"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--no-ceiling")) {
                values.put("ceiling", "off");
                continue;
            }
            if (arg.equals("--compare-transports")) {
                values.put("compare-transports", "1");
                continue;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("flag --" + name + " needs a value\n" + USAGE);
            }
            values.put(name, value);
        }
        Duration duration = duration(values.getOrDefault("duration", "30s"), "duration");
        Duration warmup = duration(values.getOrDefault("warmup", "10s"), "warmup");
        int clients = integer(values.getOrDefault("clients", "16"), "clients", 1, 1024);
        double rate;
        try {
            rate = Double.parseDouble(values.getOrDefault("rate", "0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate must be a number of requests per second, e.g. 500");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must not be negative");
        }
        List<Scenario> scenarios = scenarios(values.getOrDefault("scenarios", "all"));
        Path out = Path.of(values.getOrDefault("out", "bench/results"));
        Path jar = Path.of(values.getOrDefault("server-jar", "server/target/openpaypro-server.jar"));
        Transport transport;
        try {
            transport = Transport.valueOf(values.getOrDefault("transport", "raw").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--transport must be raw, jdk or sdk");
        }
        String ceilingText = values.getOrDefault("ceiling", "on").toLowerCase(Locale.ROOT);
        boolean ceiling = !(ceilingText.equals("off") || ceilingText.equals("false") || ceilingText.equals("0"));
        String jvm = values.getOrDefault("server-jvm", "-Xmx1g");
        int merchants = integer(values.getOrDefault("merchants", "100"), "merchants", 2, 10_000);
        for (String name : values.keySet()) {
            if (!List.of("duration", "warmup", "clients", "rate", "scenarios", "out", "server-jar", "transport",
                    "ceiling", "server-jvm", "merchants", "compare-transports").contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + "\n" + USAGE);
            }
        }
        boolean compare = List.of("1", "on", "true").contains(values.getOrDefault("compare-transports", "0")
                .toLowerCase(Locale.ROOT));
        return new Options(duration, warmup, clients, rate, scenarios, out, jar, transport, ceiling, jvm, merchants,
                compare);
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(key, value.trim());
        }
    }

    static List<Scenario> scenarios(String text) {
        if (text.equalsIgnoreCase("all")) {
            return java.util.Arrays.stream(Scenario.values()).filter(scenario -> scenario != Scenario.TRADES_PAGE)
                    .toList();
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : text.split(",")) {
            Scenario scenario = Scenario.byName(name.trim());
            if (!chosen.contains(scenario)) {
                chosen.add(scenario);
            }
        }
        // Always in the documented order: query scenarios read what the create scenarios wrote.
        chosen.sort(null);
        return List.copyOf(chosen);
    }

    /** Parses {@code 500ms}, {@code 5s}, {@code 2m} or a bare number of seconds. */
    static Duration duration(String text, String flag) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2))), flag);
            }
            if (value.endsWith("s")) {
                return positive(Duration.ofMillis(Math.round(Double.parseDouble(
                        value.substring(0, value.length() - 1)) * 1000)), flag);
            }
            if (value.endsWith("m")) {
                return positive(Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1))), flag);
            }
            return positive(Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000)), flag);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must look like 500ms, 5s or 2m, not '" + text + "'");
        }
    }

    private static Duration positive(Duration duration, String flag) {
        if (duration.isNegative() || (duration.isZero() && !flag.equals("warmup"))) {
            throw new IllegalArgumentException("--" + flag + " must be positive");
        }
        return duration;
    }

    private static int integer(String text, String flag, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must be an integer from " + min + " to " + max
                    + ", not '" + text + "'");
        }
    }
}
