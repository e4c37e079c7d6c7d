package fr.pareto.examples.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDataDirectoryTest {

    @TempDir
    Path temporary;

    /** Lays out a directory as a killed service leaves it: an unlocked lock file and a data directory. */
    private Path leftBehind(String name, Long postmasterPid) throws Exception {
        Path root = Files.createDirectory(temporary.resolve(EmbeddedDataDirectory.PREFIX + name));
        Files.createFile(root.resolve("owner.lock"));
        Path data = Files.createDirectories(root.resolve("data/base"));
        Files.writeString(data.resolve("big-table"), "rows");
        if (postmasterPid != null) {
            Files.writeString(root.resolve("data/postmaster.pid"), postmasterPid + "\n" + root.resolve("data") + "\n");
        }
        return root;
    }

    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.pid();
    }

    @Test
    void directoryOfKilledServiceIsRemoved() throws Exception {
        Path noServer = leftBehind("a", null);
        Path deadServer = leftBehind("b", deadPid());

        assertThat(EmbeddedDataDirectory.removeStale(temporary)).containsExactlyInAnyOrder(noServer, deadServer);

        assertThat(noServer).doesNotExist();
        assertThat(deadServer).doesNotExist();
    }

    @Test
    void directoryWithRunningServerIsKept() throws Exception {
        Path running = leftBehind("c", ProcessHandle.current().pid());

        assertThat(EmbeddedDataDirectory.removeStale(temporary)).isEmpty();

        assertThat(running.resolve("data/base/big-table")).exists();
    }

    @Test
    void lockedDirectoryIsKept() throws Exception {
        Path owned = leftBehind("d", deadPid());
        try (FileChannel channel = FileChannel.open(owned.resolve("owner.lock"), StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            assertThat(EmbeddedDataDirectory.removeStale(temporary)).isEmpty();
        }

        assertThat(owned.resolve("data/base/big-table")).exists();
    }

    @Test
    void liveDirectoryOfThisProcessIsKept() throws Exception {
        try (EmbeddedDataDirectory directory = EmbeddedDataDirectory.create(temporary)) {
            Files.createDirectories(directory.data());

            assertThat(EmbeddedDataDirectory.removeStale(temporary)).isEmpty();
            assertThat(directory.data()).exists();
        }

        try (var left = Files.list(temporary)) {
            assertThat(left).as("close deletes the directory").isEmpty();
        }
    }

    @Test
    void otherDirectoriesAreNeverTouched() throws Exception {
        Path foreign = Files.createDirectories(temporary.resolve("epg123/data"));
        Path unlockedYoung = Files.createDirectory(temporary.resolve(EmbeddedDataDirectory.PREFIX + "e"));
        Path unlockedOld = Files.createDirectory(temporary.resolve(EmbeddedDataDirectory.PREFIX + "f"));
        Files.setLastModifiedTime(unlockedOld, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        assertThat(EmbeddedDataDirectory.removeStale(temporary)).containsExactly(unlockedOld);

        assertThat(foreign).exists();
        // Without a lock file yet, a young directory may be in creation by another service.
        assertThat(unlockedYoung).exists();
    }

    @Test
    void unreadablePidFileKeepsTheDirectory() throws Exception {
        Path garbled = leftBehind("g", null);
        Files.writeString(garbled.resolve("data/postmaster.pid"), "not a pid\n");

        assertThat(EmbeddedDataDirectory.removeStale(temporary)).isEmpty();

        assertThat(garbled).exists();
    }
}
