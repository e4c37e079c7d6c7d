package fr.pareto.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationIT {

    private static final Path JAR = Path.of(System.getProperty("example.jar", "target/pareto-example-service.jar"));

    @Test
    void badPortStopsTheServiceWithTheFix() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(JAR, Map.of("PORT", "80a"))) {
            int exit = service.waitForExit(Duration.ofSeconds(60));

            assertThat(exit).isEqualTo(2);
            assertThat(service.stderr()).anySatisfy(line -> assertThat(line)
                    .contains("Invalid PORT \"80a\"")
                    .contains("from 1 to 65535"));
            assertThat(service.events("invalid configuration")).hasSize(1);
        }
    }

    @Test
    void secretsInBadValuesAreNotPrinted() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(JAR, Map.of("REDIS_URL", "redis://:hunter2@cache"))) {
            int exit = service.waitForExit(Duration.ofSeconds(60));

            assertThat(exit).isEqualTo(2);
            assertThat(service.stderr()).anySatisfy(line -> assertThat(line).contains("REDIS_URL"));
            assertThat(String.join("\n", service.stderr())).doesNotContain("hunter2");
            assertThat(String.join("\n", service.stdout())).doesNotContain("hunter2");
        }
    }

    @Test
    void unreachableDatabaseIsNamedWithoutItsPassword() throws Exception {
        int closed = fr.pareto.examples.infra.Redis.freeLoopbackPort();
        String url = "jdbc:postgresql://user:" + "S3CRETpw2" + "@127.0.0.1:" + closed + "/db";
        try (ServiceProcess service = ServiceProcess.start(JAR, Map.of("DATABASE_URL", url, "PORT", "0"))) {
            int exit = service.waitForExit(Duration.ofSeconds(90));

            assertThat(exit).isEqualTo(1);
            String stdout = String.join("\n", service.stdout());
            assertThat(stdout).contains("DATABASE_URL jdbc:postgresql://user:***@127.0.0.1:" + closed + "/db")
                    .doesNotContain("UnknownHostException");
            assertThat(stdout + String.join("\n", service.stderr())).doesNotContain("S3CRETpw2");
        }
    }
}
