package org.openpaypro.bench;

import java.io.IOException;
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

/** Runs pgbench with a custom script against the gateway's database and reads its throughput. Thread-safe. */
final class Pgbench {
    /** Transactions/s (NaN when the run failed), failed transactions, and what went wrong if anything. */
    record Result(double tps, long failed, String problem) {
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private final ServerUnderTest.Db db;

    Pgbench(ServerUnderTest.Db db) {
        this.db = db;
    }

    Result run(Path script, int clients, Duration duration, Map<String, String> variables)
            throws IOException, InterruptedException {
        List<String> command = command(script, clients, duration, variables);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (db.password() != null) {
            builder.environment().put("PGPASSWORD", db.password());
        }
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(Double.NaN, 0, "pgbench did not finish");
        }
        return parse(out, err.join(), process.exitValue());
    }

    List<String> command(Path script, int clients, Duration duration, Map<String, String> variables) {
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared",
                "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(2, clients)),
                "-T", Long.toString(Math.max(1, Math.round(duration.toMillis() / 1000.0))),
                "-f", script.toString()));
        variables.forEach((name, value) -> {
            command.add("-D");
            command.add(name + "=" + value);
        });
        command.addAll(List.of("-h", db.host(), "-p", Integer.toString(db.port()), "-U", db.user(), db.name()));
        return command;
    }

    static Result parse(String out, String err, int exitCode) {
        Matcher tps = TPS.matcher(out);
        Matcher failed = FAILED.matcher(out);
        long failures = failed.find() ? Long.parseLong(failed.group(1)) : 0;
        if (exitCode != 0 || !tps.find()) {
            String firstError = err.lines().filter(line -> line.contains("error")).findFirst()
                    .orElse(err.lines().findFirst().orElse("no output"));
            return new Result(Double.NaN, failures, "pgbench exit " + exitCode + ": " + firstError);
        }
        return new Result(Double.parseDouble(tps.group(1)), failures, failures > 0 ? failures
                + " failed transactions" : null);
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
