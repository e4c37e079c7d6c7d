package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ForkedJvmFingerprintTest {

    @Test
    void fingerprintIsTheSameInAnotherJvm() throws Exception {
        String inProcess;
        try (ErrorTracker tracker = FingerprintProbe.newTracker()) {
            inProcess = tracker.fingerprint(FingerprintProbe.failureOnNewThread());
        }

        // Another JVM with more lambdas created first and reflective calls compiled to accessors at once.
        String forked = runProbe("-Dsun.reflect.inflationThreshold=0", "25");

        assertThat(forked).isEqualTo("fingerprint=" + inProcess + " noise=25");
    }

    static String runProbe(String jvmOption, String noise) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, jvmOption, "-cp", System.getProperty("java.class.path"),
                FingerprintProbe.class.getName(), noise))
                .redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe JVM finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("probe exit code, output: %s", output).isZero();
        return output.lines().filter(line -> line.startsWith("fingerprint=")).findFirst().orElse(output);
    }
}
