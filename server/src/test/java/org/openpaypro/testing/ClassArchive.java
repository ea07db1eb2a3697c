package org.openpaypro.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A dynamic class-data-sharing archive of the server jar ({@code target/openpaypro-server.jsa}) for the server
 * processes the tests start: the first process of a test JVM that exits by itself or on SIGTERM writes it
 * ({@code -XX:ArchiveClassesAtExit}), every later start maps the classes it lists instead of loading and verifying
 * them again (about a second of CPU per start). Only a start-up cache: a process runs the same code with or without
 * it, and the JVM ignores an archive that does not match the jar. Rebuilt when the jar is newer. Thread-safe.
 */
final class ClassArchive {
    /** One process writes an archive at a time. */
    private static final AtomicBoolean WRITING = new AtomicBoolean();

    private ClassArchive() {
    }

    /** The JVM flags for one start and what to do when that process has ended. */
    record Use(List<String> flags, Path written, Path archive) {
        /** A written archive becomes the archive if its process ended cleanly (a SIGKILL leaves none or a part). */
        void whenExited(Process process) {
            if (written == null) {
                return;
            }
            process.onExit().whenComplete((ended, error) -> {
                try {
                    int code = process.exitValue();
                    boolean clean = code == 0 || code == 143; // by itself or on SIGTERM, after the JVM's exit steps
                    if (clean && Files.isRegularFile(written) && Files.size(written) > 0) {
                        Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.deleteIfExists(written);
                    }
                } catch (IOException | RuntimeException e) {
                    // no archive this time: the next start writes one
                } finally {
                    WRITING.set(false);
                }
            });
        }
    }

    static Use use(Path jar) {
        Path archive = jar.toAbsolutePath().resolveSibling(jar.getFileName().toString().replace(".jar", ".jsa"));
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
                return new Use(List.of("-XX:SharedArchiveFile=" + archive), null, archive);
            }
            if (!WRITING.compareAndSet(false, true)) {
                return new Use(List.of(), null, archive);
            }
            Path written = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(written);
            return new Use(List.of("-XX:ArchiveClassesAtExit=" + written), written, archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
