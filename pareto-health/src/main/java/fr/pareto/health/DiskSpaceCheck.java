package fr.pareto.health;

import fr.pareto.health.internal.Arguments;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A check of the free space on the file system that contains a path, such as the log or upload
 * directory. Free space is what this JVM may use ({@link FileStore#getUsableSpace()}).
 *
 * <p>The check is {@code error} when the free space is below either threshold and {@code ok}
 * otherwise. Details: {@code path}, {@code free_bytes}, {@code total_bytes},
 * {@code free_ratio}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * HealthCheck disk = DiskSpaceCheck.builder(Path.of("/var/log")).minFreeBytes(1L << 30).minFreeRatio(0.05).build();
 * }</pre>
 */
public final class DiskSpaceCheck implements HealthCheck {

    private final String name;
    private final Path path;
    private final long minFreeBytes;
    private final double minFreeRatio;

    private DiskSpaceCheck(Builder builder) {
        this.name = builder.name;
        this.path = builder.path;
        this.minFreeBytes = builder.minFreeBytes;
        this.minFreeRatio = builder.minFreeRatio;
    }

    /** Starts a check of the file system holding {@code path}, named {@code disk}, requiring 100 MiB free. */
    public static Builder builder(Path path) {
        return new Builder(Objects.requireNonNull(path, "path"));
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Reads the file system's free and total space once.
     *
     * @throws IOException if the path does not exist or its file store cannot be read; the
     *         runner reports it as an error
     */
    @Override
    public HealthResult check() throws IOException {
        FileStore store = Files.getFileStore(path);
        long free = store.getUsableSpace();
        long total = store.getTotalSpace();
        double ratio = total == 0 ? 0 : (double) free / total;

        HealthResult.Builder result;
        if (free < minFreeBytes) {
            result = HealthResult.builder(HealthStatus.ERROR)
                    .message(free + " bytes free on " + path + ", below the minimum of " + minFreeBytes);
        } else if (ratio < minFreeRatio) {
            result = HealthResult.builder(HealthStatus.ERROR)
                    .message(String.format(Locale.ROOT, "%.1f%% free on %s, below the minimum of %.1f%%",
                            ratio * 100, path, minFreeRatio * 100));
        } else {
            result = HealthResult.builder(HealthStatus.OK);
        }
        return result.detail("path", path.toString())
                .detail("free_bytes", free)
                .detail("total_bytes", total)
                .detail("free_ratio", Math.round(ratio * 10_000) / 10_000.0)
                .build();
    }

    @Override
    public String toString() {
        return "DiskSpaceCheck[" + name + " -> " + path + ", min " + minFreeBytes + " bytes, " + minFreeRatio + "]";
    }

    /** Builds a {@link DiskSpaceCheck}. Not thread-safe. */
    public static final class Builder {
        private final Path path;
        private String name = "disk";
        private long minFreeBytes = 100L * 1024 * 1024;
        private double minFreeRatio;

        private Builder(Path path) {
            this.path = path;
        }

        /** Sets the name under which the result is reported. Default: {@code disk}. */
        public Builder name(String name) {
            this.name = Arguments.name(name);
            return this;
        }

        /** Sets the minimum free space in bytes. Default: 100 MiB. Range: 0 (no minimum) and up. */
        public Builder minFreeBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("Invalid minFreeBytes: " + bytes + "; it must be 0 or more");
            }
            this.minFreeBytes = bytes;
            return this;
        }

        /** Sets the minimum free fraction of the total, such as 0.05 for 5 %. Default: 0 (no minimum). Range: 0 to 1. */
        public Builder minFreeRatio(double ratio) {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException("Invalid minFreeRatio: " + ratio + "; it must lie between 0 and 1");
            }
            this.minFreeRatio = ratio;
            return this;
        }

        /** Builds the check. */
        public DiskSpaceCheck build() {
            return new DiskSpaceCheck(this);
        }
    }
}
