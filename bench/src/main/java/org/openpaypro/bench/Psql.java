package org.openpaypro.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs SQL through the {@code psql} command-line client (Debian package postgresql-client, next to pgbench), so
 * the driver needs no JDBC driver. Output is unaligned, tuples only, fields separated by {@code |}. Immutable;
 * thread-safe.
 */
final class Psql {
    /** stdout, stderr and exit code of one psql run. */
    record Result(String out, String err, int exitCode) {
    }

    private final ServerUnderTest.Db db;

    Psql(ServerUnderTest.Db db) {
        this.db = db;
    }

    ServerUnderTest.Db db() {
        return db;
    }

    /** Runs {@code sql} (one or more statements) and stops at the first error, which it throws. */
    String query(String sql) throws IOException, InterruptedException {
        Result result = run(sql, true);
        if (result.exitCode() != 0) {
            throw new IOException("psql failed (" + result.exitCode() + "): " + result.err().trim() + "\nSQL: "
                    + (sql.length() > 300 ? sql.substring(0, 300) + "..." : sql));
        }
        return result.out();
    }

    /** Runs every statement of {@code script} even if some fail; errors are in {@link Result#err()}. */
    Result script(String script) throws IOException, InterruptedException {
        return run(script, false);
    }

    List<String[]> rows(String sql) throws IOException, InterruptedException {
        List<String[]> rows = new ArrayList<>();
        for (String line : query(sql).split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.split("\\|", -1));
            }
        }
        return rows;
    }

    private Result run(String sql, boolean stopOnError) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-A", "-t", "-F", "|",
                "-v", "ON_ERROR_STOP=" + (stopOnError ? "1" : "0"),
                "-h", db.host(), "-p", Integer.toString(db.port()), "-U", db.user(), "-d", db.name(), "-f", "-"));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (db.password() != null) {
            builder.environment().put("PGPASSWORD", db.password());
        }
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try (var stdin = process.getOutputStream()) {
            stdin.write(sql.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("psql did not finish within 5 minutes");
        }
        return new Result(out.join(), err.join(), process.exitValue());
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
