package org.openpaypro.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinData;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.SeparateProcesses;
import org.openpaypro.testing.ServerProcess;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The embedded PostgreSQL lives on a small filesystem of its own (a 256 MB tmpfs mounted on {@code <data dir>/pg})
 * which a filler file then fills to the last byte, under pay-in load: creates answer 5000 (outcome unknown, never a
 * false 0000), nothing half-written stays (ledger check), and once the filler is deleted the service resumes by
 * itself with every acknowledged pay-in there. Needs the right to mount (root, as in CI on our machines); where
 * mounting is refused the test is skipped with that reason, not faked.
 */
@SeparateProcesses
class DiskFullIT {
    private record Answer(long startedNanos, String code, String msg) {
    }

    @Test
    void a_full_disk_refuses_creates_cleanly_and_the_service_resumes_when_space_returns() throws Exception {
        Path dataDir = Files.createTempDirectory("openpaypro-disk-full");
        Path pgDir = Files.createDirectories(dataDir.resolve("pg"));
        String mounted = run("mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", pgDir.toString());
        assumeTrue(mounted == null, "mounting a small tmpfs is not permitted here: " + mounted);
        Path filler = pgDir.resolve("filler");
        try {
            try (ServerProcess server = ServerProcess.start(dataDir, Map.of("OPENPAYPRO_DB_STATEMENT_TIMEOUT", "3s"))) {
                exercise(server, filler);
            }
        } finally {
            Files.deleteIfExists(filler);
            stopLeftoverPostgres(pgDir);
            run("umount", "-l", pgDir.toString());
        }
    }

    private void exercise(ServerProcess server, Path filler) throws Exception {
        TestMerchant merchant = server.createMerchant();
        PayProClient client = PayProClient.builder().baseUrl(server.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).timeout(Duration.ofSeconds(30)).build();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<Answer> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int lane = t;
            threads.add(new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    String tradeNo = "DF" + lane + "-" + i + "-" + System.nanoTime();
                    long started = System.nanoTime();
                    ApiResult<PayinData> result = client.payin(PayinRequest.brazil(tradeNo, "10.00", "Ana",
                            "12345678909", "http://127.0.0.1:9/n", "r"));
                    answers.add(new Answer(started, result.code(), result.msg()));
                    if (result.accepted()) {
                        acknowledged.add(tradeNo);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        Await.until("pay-ins acknowledged before the disk fills", Duration.ofSeconds(60),
                () -> acknowledged.size() >= 10);
        long bytes = fill(filler);
        long filledAt = System.nanoTime();
        Await.until("several creates answered 5000 while the disk is full", Duration.ofSeconds(60),
                () -> countAfter(answers, filledAt, "5000") >= 3);
        Files.delete(filler);
        long freedAt = System.nanoTime();
        Await.until("creates acknowledged again once space returns", Duration.ofSeconds(90),
                () -> countAfter(answers, freedAt, "0000") >= 10);
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(answers).allMatch(a -> a.code().equals("0000") || a.code().equals("5000")
                || a.code().equals("8000"));
        assertThat(answers).filteredOn(a -> !a.code().equals("0000")).allMatch(a -> !a.msg().isBlank());
        for (String tradeNo : acknowledged) {
            assertThat(client.queryPayin(tradeNo).dataOrThrow().amount()).as(tradeNo).isEqualTo("10.00");
        }
        assertThat(server.admin("GET", "/admin/v1/ledger/check").json().get("ok").asBoolean()).isTrue();
        assertThat(server.get("/health").status()).isEqualTo(200);
        long full = answers.stream().filter(a -> a.startedNanos() > filledAt && a.startedNanos() < freedAt).count();
        System.out.printf("DISK-FULL-REPORT requests=%d acknowledged=%d answered5000=%d whileFull=%d "
                        + "fillerMb=%d secondsToResume=%.1f messages=%s%n", answers.size(), acknowledged.size(),
                answers.stream().filter(a -> a.code().equals("5000")).count(), full, bytes / (1024 * 1024),
                (firstAfter(answers, freedAt, "0000") - freedAt) / 1e9,
                answers.stream().filter(a -> !a.code().equals("0000")).map(Answer::msg).distinct().toList());
    }

    /** Writes zeros until the filesystem is full; returns how many bytes fit. */
    private static long fill(Path filler) throws IOException {
        byte[] chunk = new byte[1024 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return written;
    }

    private static long countAfter(List<Answer> answers, long since, String code) {
        return answers.stream().filter(a -> a.startedNanos() > since && a.code().equals(code)).count();
    }

    private static long firstAfter(List<Answer> answers, long since, String code) {
        return answers.stream().filter(a -> a.startedNanos() > since && a.code().equals(code))
                .mapToLong(Answer::startedNanos).min().orElse(-1);
    }

    /** If the server could not stop its PostgreSQL, stop it here so the filesystem can be unmounted. */
    private static void stopLeftoverPostgres(Path pgDir) throws IOException {
        Path pid = pgDir.resolve("postmaster.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim())).ifPresent(postmaster -> {
                postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
                postmaster.destroyForcibly();
                postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        }
    }

    /** Runs a command; null when it succeeded, else its output (why it failed). */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return process.waitFor() == 0 ? null : (output.isBlank() ? "exit " + process.exitValue() : output.trim());
    }
}
