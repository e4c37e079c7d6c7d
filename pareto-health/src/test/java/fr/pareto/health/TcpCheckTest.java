package fr.pareto.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpCheckTest {

    @Test
    void listeningPortIsOk() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TcpCheck check = TcpCheck.builder("127.0.0.1", server.getLocalPort()).build();

            HealthResult result = check.check();

            assertThat(result.status()).isEqualTo(HealthStatus.OK);
            assertThat(result.details()).containsEntry("port", server.getLocalPort()).containsKey("connect_ms");
            assertThat(check.name()).isEqualTo("127.0.0.1:" + server.getLocalPort());
        }
    }

    @Test
    void closedPortIsRefused() throws IOException {
        int port = TestPorts.closedPort();
        TcpCheck check = TcpCheck.builder("127.0.0.1", port).name("postgres").build();

        HealthResult result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValue("connection refused by 127.0.0.1:" + port);
        assertThat(check.name()).isEqualTo("postgres");
    }

    @Test
    void unknownHostIsAnError() {
        HealthResult result = TcpCheck.builder("no-such-host.invalid", 80).timeout(Duration.ofSeconds(1)).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message).contains("no-such-host.invalid"));
    }

    @Test
    void builderRejectsBadValues() {
        assertThatThrownBy(() -> TcpCheck.builder("localhost", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid port: 0");
        assertThatThrownBy(() -> TcpCheck.builder("localhost", 65_536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
        assertThatThrownBy(() -> TcpCheck.builder(" ", 80))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> TcpCheck.builder(null, 80))
                .isInstanceOf(NullPointerException.class).hasMessage("host");
        assertThatThrownBy(() -> TcpCheck.builder("localhost", 80).timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid timeout: PT0S");
    }
}
