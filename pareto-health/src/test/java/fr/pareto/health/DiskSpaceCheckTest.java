package fr.pareto.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceCheckTest {

    @TempDir
    Path directory;

    @Test
    void enoughSpaceIsOk() throws Exception {
        HealthResult result = DiskSpaceCheck.builder(directory).minFreeBytes(1).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.OK);
        assertThat(result.details()).containsKeys("free_bytes", "total_bytes", "free_ratio").containsEntry("path", directory.toString());
    }

    @Test
    void belowMinimumBytesIsAnError() throws Exception {
        HealthResult result = DiskSpaceCheck.builder(directory).minFreeBytes(Long.MAX_VALUE).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message).contains("below the minimum of " + Long.MAX_VALUE));
    }

    @Test
    void belowMinimumRatioIsAnError() throws Exception {
        HealthResult result = DiskSpaceCheck.builder(directory).minFreeBytes(0).minFreeRatio(1.0).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message).contains("below the minimum of 100.0%"));
    }

    @Test
    void missingPathThrowsForTheRunner() {
        DiskSpaceCheck check = DiskSpaceCheck.builder(directory.resolve("missing")).build();

        assertThatThrownBy(check::check).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void builderRejectsBadValues() {
        assertThatThrownBy(() -> DiskSpaceCheck.builder(directory).minFreeRatio(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid minFreeRatio: 1.5");
        assertThatThrownBy(() -> DiskSpaceCheck.builder(directory).minFreeBytes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid minFreeBytes: -1");
    }
}
