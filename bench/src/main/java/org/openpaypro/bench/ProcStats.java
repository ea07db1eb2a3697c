package org.openpaypro.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux {@code /proc}: the server JVM, the embedded PostgreSQL (postmaster, its backends, and the
 * children it already reaped), this driver, and the whole machine. Each value is "percent of one core" over a phase,
 * so 200 % is both cores of this machine. Stateless; thread-safe.
 */
final class ProcStats {
    /** Cumulative CPU ticks at one instant; -1 where unknown. */
    record Snapshot(long wallNanos, long serverTicks, long postgresTicks, long benchTicks, long machineBusyTicks,
                    long machineTotalTicks) {
    }

    /** CPU use over a phase in percent of one core; machine in percent of all cores. Negative when unknown. */
    record Usage(double serverPercent, double postgresPercent, double benchPercent, double machinePercent) {
        /** CPU µs per request of the phase from one of the percentages; negative when unknown. */
        double microsPerRequest(double percent, LoadRunner.Phase phase) {
            return percent < 0 || phase.requests() == 0 ? -1 : percent * 1e4 * phase.seconds() / phase.requests();
        }
    }

    /** USER_HZ: /proc counts CPU time in these ticks, 100 per second on every Linux the bench runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private final long serverPid;
    private final Path postmasterPidFile;

    ProcStats(long serverPid, Path postmasterPidFile) {
        this.serverPid = serverPid;
        this.postmasterPidFile = postmasterPidFile;
    }

    Snapshot snapshot() {
        long[] machine = machine();
        return new Snapshot(System.nanoTime(), processTicks(serverPid, false), postgresTicks(),
                processTicks(ProcessHandle.current().pid(), false), machine[0], machine[1]);
    }

    Usage between(Snapshot start, Snapshot end) {
        double ticks = (end.wallNanos() - start.wallNanos()) / 1e9 * TICKS_PER_SECOND;
        long machineTotal = end.machineTotalTicks() - start.machineTotalTicks();
        return new Usage(percent(start.serverTicks(), end.serverTicks(), ticks),
                percent(start.postgresTicks(), end.postgresTicks(), ticks),
                percent(start.benchTicks(), end.benchTicks(), ticks),
                machineTotal > 0 && start.machineTotalTicks() >= 0
                        ? 100.0 * (end.machineBusyTicks() - start.machineBusyTicks()) / machineTotal : -1);
    }

    private static double percent(long startTicks, long endTicks, double wallTicks) {
        return startTicks < 0 || endTicks < 0 || wallTicks <= 0 ? -1 : 100.0 * (endTicks - startTicks) / wallTicks;
    }

    private long postgresTicks() {
        long postmaster = postmasterPid();
        if (postmaster < 0) {
            return -1;
        }
        long total = processTicks(postmaster, true);
        if (total < 0) {
            return -1;
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long[] fields = stat(Long.parseLong(proc.getFileName().toString()));
                if (fields != null && fields[0] == postmaster) {
                    total += fields[1] + fields[2];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    private long postmasterPid() {
        try {
            return postmasterPidFile == null ? -1 : Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (+ cutime + cstime of reaped children), in ticks; -1 if the process is gone. */
    static long processTicks(long pid, boolean withChildren) {
        long[] fields = stat(pid);
        if (fields == null) {
            return -1;
        }
        return fields[1] + fields[2] + (withChildren ? fields[3] + fields[4] : 0);
    }

    /** {ppid, utime, stime, cutime, cstime} of a process, or null. */
    static long[] stat(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses /proc/PID/stat; the command name may hold spaces and parentheses, so fields count from the last ')'. */
    static long[] parseStat(String stat) {
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new long[] {Long.parseLong(rest[1]), Long.parseLong(rest[11]), Long.parseLong(rest[12]),
                Long.parseLong(rest[13]), Long.parseLong(rest[14])};
    }

    /** {busy, total} ticks of all CPUs from /proc/stat. */
    private static long[] machine() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] parts = first.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < parts.length && i <= 8; i++) {
                long value = Long.parseLong(parts[i]);
                total += value;
                if (i == 4 || i == 5) {
                    idle += value;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
