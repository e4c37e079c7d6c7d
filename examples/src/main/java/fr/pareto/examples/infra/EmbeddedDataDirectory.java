package fr.pareto.examples.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory for embedded PostgreSQL's data that this process owns, and the removal of those
 * that earlier processes left behind when they were killed with {@code kill -9}.
 *
 * <p>Each directory is {@code pareto-example-pg-*} under the temporary directory and holds an
 * {@code owner.lock} file that its process keeps locked while it runs, plus the data directory
 * {@code data}. The operating system releases the lock when the process dies, however it dies,
 * so a lock that can be taken means the owner is gone. Not thread-safe; {@link #close()} is
 * idempotent.
 */
final class EmbeddedDataDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDataDirectory.class);

    /** Name prefix of the directories, in the temporary directory. */
    static final String PREFIX = "pareto-example-pg-";
    private static final String LOCK = "owner.lock";
    /** A directory without a lock file is being created unless it is older than this. */
    private static final Duration CREATION_GRACE = Duration.ofMinutes(10);

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private EmbeddedDataDirectory(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates and locks a new directory under {@code parent}. */
    static EmbeddedDataDirectory create(Path parent) {
        Path root = null;
        try {
            root = Files.createTempDirectory(parent, PREFIX);
            FileChannel channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new EmbeddedDataDirectory(root, channel, channel.lock());
        } catch (IOException e) {
            if (root != null) {
                deleteRecursively(root);
            }
            throw new UncheckedIOException("Embedded PostgreSQL data directory could not be created in " + parent
                    + ": " + e.getMessage() + "; free disk space in that directory or set DATABASE_URL", e);
        }
    }

    /** Returns the directory to give embedded PostgreSQL as its data directory. */
    Path data() {
        return root.resolve("data");
    }

    /**
     * Removes the directories under {@code parent} whose owner process is gone and whose
     * PostgreSQL server is not running. A server that still runs, orphaned by a killed process,
     * is left alone and reported at WARN with its process id. Never throws.
     *
     * @return the directories removed
     */
    static List<Path> removeStale(Path parent) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path entry : entries) {
                try {
                    if (Files.isDirectory(entry) && removeIfStale(entry)) {
                        removed.add(entry);
                    }
                } catch (IOException | RuntimeException e) {
                    log.atWarn().addKeyValue("module", "catalog").addKeyValue("directory", entry.toString()).setCause(e)
                            .log("stale embedded PostgreSQL directory kept: its state could not be read");
                }
            }
        } catch (IOException | RuntimeException e) {
            log.atWarn().addKeyValue("module", "catalog").addKeyValue("directory", parent.toString()).setCause(e)
                    .log("stale embedded PostgreSQL directories could not be listed");
        }
        return removed;
    }

    private static boolean removeIfStale(Path entry) throws IOException {
        Path lockFile = entry.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            FileTime modified = Files.getLastModifiedTime(entry);
            if (modified.toInstant().isAfter(Instant.now().minus(CREATION_GRACE))) {
                return false;
            }
            deleteRecursively(entry);
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                return false;
            }
            Optional<Long> postmaster = runningPostmaster(entry.resolve("data"));
            if (postmaster.isPresent()) {
                log.atWarn().addKeyValue("module", "catalog").addKeyValue("pid", postmaster.get())
                        .addKeyValue("directory", entry.toString())
                        .addKeyValue("fix", "stop it with kill " + postmaster.get() + "; the next start removes the directory")
                        .log("embedded PostgreSQL of a killed process is still running");
                return false;
            }
            deleteRecursively(entry);
        }
        log.atInfo().addKeyValue("module", "catalog").addKeyValue("directory", entry.toString())
                .log("stale embedded PostgreSQL directory removed");
        return true;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // This JVM holds the lock: another service started in the same process owns the directory.
            return null;
        }
    }

    /**
     * Returns the process id in {@code postmaster.pid} when that process is alive. A reused
     * process id counts as alive too, which only keeps the directory until a later start.
     *
     * @throws IOException when the file exists but cannot be read, so nothing in use is deleted
     */
    private static Optional<Long> runningPostmaster(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(pidFile)) {
            long pid = Long.parseLong(lines.findFirst().orElse("").strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (NumberFormatException | UncheckedIOException e) {
            throw new IOException("unreadable " + pidFile, e);
        }
    }

    /** Releases the lock and deletes the directory; PostgreSQL must be stopped first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            log.atWarn().addKeyValue("module", "catalog").setCause(e).log("embedded PostgreSQL lock failed to close");
        }
        deleteRecursively(root);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            log.atWarn().addKeyValue("module", "catalog").addKeyValue("directory", directory.toString()).setCause(e)
                    .log("embedded PostgreSQL directory could not be deleted");
        }
    }
}
