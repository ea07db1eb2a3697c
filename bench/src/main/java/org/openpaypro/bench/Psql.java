package org.openpaypro.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's command-line clients against the gateway's database: {@code psql} for SQL (no JDBC driver in the
 * driver; unaligned, tuples only, {@code |}-separated) and {@code pgbench} for the ceilings. Immutable; thread-safe.
 */
record Psql(String host, int port, String user, String password, String database) {
    /** stdout, stderr and exit code of one run. */
    record Result(String out, String err, int exitCode) {
    }

    /** pgbench transactions/s (NaN when the run failed) and what went wrong if anything. */
    record Ceiling(double tps, String problem) {
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    /** Runs {@code sql} (one or more statements) and stops at the first error, which it throws. */
    String query(String sql) throws IOException, InterruptedException {
        Result result = psql(sql, true);
        if (result.exitCode() != 0) {
            throw new IOException("psql failed (" + result.exitCode() + "): " + result.err().trim() + "\nSQL: "
                    + (sql.length() > 300 ? sql.substring(0, 300) + "..." : sql));
        }
        return result.out();
    }

    /** Runs every statement of {@code script} even if some fail; answers what it printed. */
    String script(String script) throws IOException, InterruptedException {
        return psql(script, false).out();
    }

    List<String[]> rows(String sql) throws IOException, InterruptedException {
        return query(sql).lines().filter(line -> !line.isBlank()).map(line -> line.split("\\|", -1)).toList();
    }

    /** {@code pgbench -n -M prepared} of {@code script} with {@code -D} variables; never throws for a failed run. */
    Ceiling pgbench(Path script, int clients, Duration duration, Map<String, String> variables)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared",
                "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(2, clients)),
                "-T", Long.toString(Math.max(1, Math.round(duration.toMillis() / 1000.0))), "-f", script.toString()));
        variables.forEach((name, value) -> command.addAll(List.of("-D", name + "=" + value)));
        Result result = run(command, "", duration.toSeconds() + 120);
        return result == null ? new Ceiling(Double.NaN, "pgbench did not finish")
                : parse(result.out(), result.err(), result.exitCode());
    }

    static Ceiling parse(String out, String err, int exitCode) {
        Matcher tps = TPS.matcher(out);
        Matcher failed = FAILED.matcher(out);
        long failures = failed.find() ? Long.parseLong(failed.group(1)) : 0;
        if (exitCode != 0 || !tps.find()) {
            String firstError = err.lines().filter(line -> line.contains("error")).findFirst()
                    .orElse(err.lines().findFirst().orElse("no output"));
            return new Ceiling(Double.NaN, "pgbench exit " + exitCode + ": " + firstError);
        }
        return new Ceiling(Double.parseDouble(tps.group(1)), failures > 0 ? failures + " failed transactions" : null);
    }

    private Result psql(String sql, boolean stopOnError) throws IOException, InterruptedException {
        Result result = run(new ArrayList<>(List.of("psql", "-X", "-q", "-A", "-t", "-F", "|", "-v",
                "ON_ERROR_STOP=" + (stopOnError ? "1" : "0"), "-f", "-")), sql, 300);
        if (result == null) {
            throw new IOException("psql did not finish within 5 minutes");
        }
        return result;
    }

    /** Runs a client with the connection flags appended and {@code stdin} as input; null after the timeout. */
    private Result run(List<String> command, String stdin, long timeoutSeconds)
            throws IOException, InterruptedException {
        command.addAll(List.of("-h", host, "-p", Integer.toString(port), "-U", user, database));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (password != null) {
            builder.environment().put("PGPASSWORD", password);
        }
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return null;
        }
        return new Result(out.join(), err.join(), process.exitValue());
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
