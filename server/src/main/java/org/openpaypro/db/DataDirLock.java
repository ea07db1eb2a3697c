package org.openpaypro.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.openpaypro.config.ConfigException;

/**
 * An exclusive OS file lock on the data directory, held for the life of the process, so that two gateways
 * never share one embedded database. The OS releases it when the process dies, even by SIGKILL.
 */
public final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirLock acquire(Path dataDir) {
        Path lockFile = dataDir.resolve("openpaypro.lock");
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new ConfigException("OPENPAYPRO_DATA_DIR=" + dataDir + " is in use by another running "
                        + "OpenPayPro (lock " + lockFile + "); stop it or choose another data directory");
            }
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            throw new ConfigException("OPENPAYPRO_DATA_DIR=" + dataDir + " is not usable: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        }
    }
}
