package org.openpaypro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time from Linux {@code /proc} of the server JVM, the embedded PostgreSQL (postmaster, backends, reaped
 * children), this driver and the machine, in percent of one core over a phase (200 % = both cores). Thread-safe.
 */
record ProcStats(long serverPid, Path postmasterPidFile) {
    /** Cumulative CPU ticks (USER_HZ, 100 per second on every Linux the bench runs on) at one instant; -1: unknown. */
    record Snapshot(long wallNanos, long serverTicks, long postgresTicks, long benchTicks, long[] machineTicks) {
    }

    /** CPU use over a phase in percent of one core; machine in percent of all cores. Negative when unknown. */
    record Usage(double serverPercent, double postgresPercent, double benchPercent, double machinePercent) {
    }

    Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), ticks(stat(serverPid), false), postgresTicks(),
                ticks(stat(ProcessHandle.current().pid()), false), machine());
    }

    Usage between(Snapshot start, Snapshot end) {
        double wallTicks = (end.wallNanos() - start.wallNanos()) / 1e7;
        long busy = end.machineTicks()[0] - start.machineTicks()[0];
        long total = end.machineTicks()[1] - start.machineTicks()[1];
        return new Usage(percent(start.serverTicks(), end.serverTicks(), wallTicks),
                percent(start.postgresTicks(), end.postgresTicks(), wallTicks),
                percent(start.benchTicks(), end.benchTicks(), wallTicks),
                total > 0 && start.machineTicks()[1] >= 0 ? 100.0 * busy / total : -1);
    }

    private static double percent(long startTicks, long endTicks, double wallTicks) {
        return startTicks < 0 || endTicks < 0 || wallTicks <= 0 ? -1 : 100.0 * (endTicks - startTicks) / wallTicks;
    }

    /** The postmaster with its reaped children, plus every live process whose parent it is. */
    private long postgresTicks() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            long postmaster = Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).trim());
            long own = ticks(stat(postmaster), true);
            return own < 0 ? -1 : own + procs.filter(proc -> proc.getFileName().toString().matches("[0-9]+"))
                    .map(proc -> stat(Long.parseLong(proc.getFileName().toString())))
                    .filter(fields -> fields != null && fields[0] == postmaster)
                    .mapToLong(fields -> ticks(fields, false)).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (+ cutime + cstime of reaped children) of {@link #stat} fields; -1 if the process is gone. */
    private static long ticks(long[] fields, boolean withChildren) {
        return fields == null ? -1 : fields[1] + fields[2] + (withChildren ? fields[3] + fields[4] : 0);
    }

    /** {ppid, utime, stime, cutime, cstime} of a process, or null. */
    private static long[] stat(long pid) {
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

    /** {busy, total} ticks of all CPUs from the first line of /proc/stat (user ... steal; idle and iowait idle). */
    private static long[] machine() {
        try {
            String[] parts = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < parts.length && i <= 8; i++) {
                total += Long.parseLong(parts[i]);
            }
            return new long[] {total - Long.parseLong(parts[4]) - Long.parseLong(parts[5]), total};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
