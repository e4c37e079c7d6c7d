package fr.pareto.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private final SecretMasker masker = SecretMasker.defaults();

    @Test
    void queryParametersNamedLikeSecretsAreMasked() {
        assertThat(masker.maskText("GET /p?id=7&access_token=abc.def&api_key=K1&X-Amz-Signature=ff00&q=tv"))
                .isEqualTo("GET /p?id=7&access_token=***&api_key=***&X-Amz-Signature=***&q=tv");
    }

    @Test
    void colonAndQuotedFormsAreMasked() {
        assertThat(masker.maskText("password: hunter2, user: bob")).isEqualTo("password: ***, user: bob");
        assertThat(masker.maskText("{\"apiKey\":\"s3cr3t\",\"id\":1}")).isEqualTo("{\"apiKey\":\"***\",\"id\":1}");
        assertThat(masker.maskText("client_secret='x y z' next")).isEqualTo("client_secret='***' next");
    }

    @Test
    void authorizationSchemeAndCredentialAreMasked() {
        assertThat(masker.maskText("Authorization: Bearer eyJhbGciOi.x.y done"))
                .isEqualTo("Authorization: *** done");
        assertThat(masker.maskText("Cookie: SESSION=abc; theme=dark")).isEqualTo("Cookie: ***; theme=dark");
    }

    @Test
    void urlPasswordIsMasked() {
        assertThat(masker.maskText("connecting to postgresql://app:pa55@db:5432/shop failed"))
                .isEqualTo("connecting to postgresql://app:***@db:5432/shop failed");
        assertThat(masker.maskText("see https://example.com:8443/x")).isEqualTo("see https://example.com:8443/x");
    }

    @Test
    void stackTraceLineNumbersKept() {
        String frame = "\tat com.shop.TokenStore.load(TokenStore.java:42)";
        assertThat(masker.maskText(frame)).isSameAs(frame);
    }

    @Test
    void textWithoutSecretsIsReturnedAsIs() {
        String text = "request handled in 12 ms: status=200";
        assertThat(masker.maskText(text)).isSameAs(text);
    }

    @Test
    void fieldNamesMatchIgnoringCaseAndSeparators() {
        assertThat(masker.isSecretName("password")).isTrue();
        assertThat(masker.isSecretName("DB_PASSWORD")).isTrue();
        assertThat(masker.isSecretName("x-api-key")).isTrue();
        assertThat(masker.isSecretName("Set-Cookie")).isTrue();
        assertThat(masker.isSecretName("refreshToken")).isTrue();
        assertThat(masker.isSecretName("retailer")).isFalse();
        assertThat(masker.isSecretName("duration_ms")).isFalse();
    }

    @Test
    void sessionAndSignatureNamesAreSecret() {
        assertThat(masker.isSecretName("session")).isTrue();
        assertThat(masker.isSecretName("x_session")).isTrue();
        assertThat(masker.isSecretName("X-Session-Id")).isTrue();
        assertThat(masker.isSecretName("sig")).isTrue();
        assertThat(masker.isSecretName("SIG")).isTrue();
        assertThat(masker.isSecretName("x-amz-signature")).isTrue();
        assertThat(masker.isSecretName("private_key")).isTrue();
        assertThat(masker.isSecretName("api-key")).isTrue();
        assertThat(masker.isSecretName("db_credentials")).isTrue();
    }

    @Test
    void harmlessNamesStayReadable() {
        assertThat(masker.isSecretName("author")).isFalse();
        assertThat(masker.isSecretName("signal")).isFalse();
        assertThat(masker.isSecretName("design")).isFalse();
        assertThat(masker.isSecretName("x_sig")).isFalse();
        assertThat(masker.isSecretName("keyboard")).isFalse();
    }

    @Test
    void sessionAndSigValuesInTextAreMasked() {
        assertThat(masker.maskText("GET /cb?sig=ab12&session=s1&design=new"))
                .isEqualTo("GET /cb?sig=***&session=***&design=new");
        assertThat(masker.maskText("X-Session: 42 signal=TERM")).isEqualTo("X-Session: *** signal=TERM");
    }

    @Test
    void parenthesisedPlaceholderIsKept() {
        String start = "starting on port 8080 (healthToken=(none), apiKey=(unset))";
        assertThat(masker.maskText(start)).isSameAs(start);
        String colon = "password: (not configured)";
        assertThat(masker.maskText(colon)).isSameAs(colon);
    }

    @Test
    void parenthesisedSecretIsStillMasked() {
        assertThat(masker.maskText("password=(abc)def")).isEqualTo("password=***)def");
        assertThat(masker.maskText("token=(a+b/c=)")).isEqualTo("token=***)");
    }

    @Test
    void secretNamedInProseIsMasked() {
        // The name is the whole word before the colon, so a secret named in an error message is
        // masked too, at the cost of the prose that follows it.
        assertThat(masker.maskText("Invalid PARETO_HEALTH_TOKEN: abcde has 5 characters"))
                .isEqualTo("Invalid PARETO_HEALTH_TOKEN: *** has 5 characters");
        assertThat(masker.maskText("Unknown option: token")).isEqualTo("Unknown option: token");
    }

    @Test
    void userNamesAndPatternsExtendTheDefaults() {
        SecretMasker custom = SecretMasker.create(List.of("pin", "iban"),
                List.of(Pattern.compile("\\b\\d{4}-\\d{4}-\\d{4}-(\\d{4})\\b")));

        assertThat(custom.isSecretName("card_pin")).isTrue();
        assertThat(custom.maskText("iban=FR7630006000011234567890189 ok")).isEqualTo("iban=*** ok");
        assertThat(custom.maskText("card 1234-5678-9012-3456 used")).isEqualTo("card 1234-5678-9012-*** used");
    }

    @Test
    void blankUserNameIsRejected() {
        assertThatThrownBy(() -> SecretMasker.create(List.of("--"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'--'");
    }
}
