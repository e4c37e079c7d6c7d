package fr.pareto.examples.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pareto.examples.ConfigException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @Test
    void userInformationMovesOutOfTheDriverUrl() {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "jdbc:postgresql://user:S3CRETpw2@127.0.0.1:1/db");

        assertThat(url.driverUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:1/db");
        assertThat(url.user()).contains("user");
        assertThat(url.password()).contains("S3CRETpw2");
        assertThat(url.redacted()).isEqualTo("jdbc:postgresql://user:***@127.0.0.1:1/db");
        assertThat(url.toString()).doesNotContain("S3CRETpw2");
        assertThat(url.endpoint()).contains(new Endpoint("127.0.0.1", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://app:p%40ss%2Fw%3Ard+x@db.example/shop?sslmode=require",
        "postgresql://app:p%40ss%2Fw%3Ard+x@db.example/shop?sslmode=require",
        "jdbc:postgresql://app:p%40ss%2Fw%3Ard+x@db.example/shop?sslmode=require"})
    void hostedUrlsAreConvertedAndDecoded(String value) {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", value);

        assertThat(url.driverUrl()).isEqualTo("jdbc:postgresql://db.example/shop?sslmode=require");
        assertThat(url.user()).contains("app");
        // Percent escapes are decoded; + stays a plus sign in user information.
        assertThat(url.password()).contains("p@ss/w:rd+x");
        assertThat(url.endpoint()).contains(new Endpoint("db.example", 5432));
        assertThat(url.redacted()).isEqualTo("jdbc:postgresql://app:***@db.example/shop?sslmode=require");
    }

    @Test
    void unencodedAtSignInPasswordSplitsAtTheLastOne() {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "postgres://app:p@ss@db:6543/shop");

        assertThat(url.password()).contains("p@ss");
        assertThat(url.driverUrl()).isEqualTo("jdbc:postgresql://db:6543/shop");
    }

    @Test
    void queryCredentialsKeepWorkingButLeaveTheDriverUrl() {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL",
                "jdbc:postgresql://db:5432/shop?user=app&password=top%20secret&ssl=true");

        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("top secret");
        assertThat(url.driverUrl()).isEqualTo("jdbc:postgresql://db:5432/shop?ssl=true");
        assertThat(url.redacted()).isEqualTo("jdbc:postgresql://db:5432/shop?user=app&password=***&ssl=true")
                .doesNotContain("secret");
    }

    @Test
    void urlWithoutCredentialsIsKeptAsIs() {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "jdbc:postgresql://db.example:5432/pareto");

        assertThat(url.driverUrl()).isEqualTo("jdbc:postgresql://db.example:5432/pareto");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
    }

    @Test
    void severalHostsAndShortFormsAreAccepted() {
        DatabaseUrl several = DatabaseUrl.parse("DATABASE_URL", "jdbc:postgresql://a:5432,[::1]:5433/db?targetServerType=primary");
        assertThat(several.driverUrl()).isEqualTo("jdbc:postgresql://a:5432,[::1]:5433/db?targetServerType=primary");
        assertThat(several.endpoint()).isEmpty();

        assertThat(DatabaseUrl.parse("DATABASE_URL", "jdbc:postgresql://[::1]/db").endpoint())
                .contains(new Endpoint("::1", 5432));
        assertThat(DatabaseUrl.parse("DATABASE_URL", "jdbc:postgresql:shop").driverUrl())
                .isEqualTo("jdbc:postgresql://localhost/shop");
        assertThat(DatabaseUrl.parse("DATABASE_URL", "postgres://db").driverUrl()).isEqualTo("jdbc:postgresql://db/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://u:hunter2@db/x", "jdbc:postgresql://u:hun/ter2@db/x",
        "jdbc:postgresql://u/x:hunter2@db/x", "jdbc:postgresql://u:hunter2?@db/x", "jdbc:postgresql://u:hunter2#@db/x",
        "jdbc:postgresql://u:hunter2@db:70000/x", "jdbc:postgresql://u:hunter2%zz@db/x", "jdbc:postgresql://u:hunter2@/x",
        "jdbc:postgresql://u:hunter2@db/x?password=other"})
    void badUrlsNameTheVariableWithoutTheirPassword(String value) {
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("ter2");
    }

    @Test
    void missingValueIsRejectedByName() {
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThat(Optional.of(DatabaseUrl.parse("DATABASE_URL", "postgres://db/x"))).isPresent();
    }
}
