package org.openpaypro.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Reads a generated secret (admin token, sandbox master key) from the data dir, creating it once, mode 0600. */
public final class Secrets {
    private Secrets() {
    }

    public static String readOrCreate(Path file, Supplier<String> generator) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            String value = generator.get();
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return value;
        } catch (IOException e) {
            throw new ConfigException("cannot read or create " + file + ": " + e.getMessage());
        }
    }
}
