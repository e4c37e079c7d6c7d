package fr.pareto.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void scrubRemovesCredentials() {
        String[][] cases = {
            {"jdbc:postgresql://app:s3cret@db:5432/app", "jdbc:postgresql://***@db:5432/app"},
            {"jdbc:postgresql://db/app?user=app&password=s3cret&ssl=true", "jdbc:postgresql://db/app?user=app&password=***&ssl=true"},
            {"redis://:s3cret@cache:6379/0", "redis://***@cache:6379/0"},
            {"jdbc:oracle:thin:app/s3cret@db:1521/XE", "jdbc:oracle:thin:***@db:1521/XE"},
            {"Password: s3cret", "Password: ***"},
            {"pwd=s3cret;user=app", "pwd=***;user=app"},
            {"https://hooks.example/api?token=s3cret", "https://hooks.example/api?token=***"},
        };
        for (String[] scrubCase : cases) {
            assertThat(Texts.scrub(scrubCase[0])).as(scrubCase[0]).isEqualTo(scrubCase[1]);
        }
    }

    @Test
    void scrubKeepsPlainText() {
        assertThat(Texts.scrub("Connection to 127.0.0.1:5432 refused")).isEqualTo("Connection to 127.0.0.1:5432 refused");
        assertThat(Texts.scrub(null)).isEmpty();
    }

    @Test
    void reasonFallsBackToCause() {
        Exception wrapped = new RuntimeException(null, new SQLException("url jdbc:postgresql://u:p4ss@h/d failed"));

        assertThat(Texts.reason(wrapped)).isEqualTo("SQLException: url jdbc:postgresql://***@h/d failed");
        assertThat(Texts.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(Texts.duration(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(Texts.duration(Duration.ofMillis(1500))).isEqualTo("1500 ms");
        assertThat(Texts.duration(Duration.ofMillis(300))).isEqualTo("300 ms");
    }
}
