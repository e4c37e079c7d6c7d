package fr.pareto.alerting.internal;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SecretTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "db failed password=hunter7 url=x                | db failed password=*** url=x",
            "url=postgres://app:hunter8@db/x                  | url=postgres://app:***@db/x",
            "Cookie: session=hunter10 token=hunter11          | Cookie: *** token=***",
            "Authorization: Bearer abc.def                    | Authorization: ***",
            "sent Bearer abc.def to upstream                  | sent Bearer *** to upstream",
            "header Basic dXNlcjpwYXNz                        | header Basic ***",
            "{\"api_key\":\"k1\",\"n\":1}                     | {\"api_key\":\"***\",\"n\":1}",
            "X-Session-Id: s1                                 | X-Session-Id: ***",
            "?a=1&sig=abc&b=2                                 | ?a=1&sig=***&b=2",
            "PRIVATE_KEY = xyz                                | PRIVATE_KEY = ***",
            "client_secret='s p'                              | client_secret='***'",
    })
    void masksSecretValues(String text, String expected) {
        assertThat(SecretText.mask(text.strip())).isEqualTo(expected.strip());
    }

    @Test
    void longHostileTextIsMaskedInLinearTime() {
        // With unbounded repetitions, which backtrack, each of these texts takes quadratic time.
        for (String text : List.of("token".repeat(40_000), "a".repeat(200_000) + "://",
                "x://" + "u".repeat(200_000), "password" + "-".repeat(200_000) + "=v")) {
            String masked = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SecretText.mask(text));

            assertThat(masked).hasSizeGreaterThan(0);
        }
    }

    @Test
    void nullAndEmptyTextStayAsTheyAre() {
        assertThat(SecretText.mask(null)).isNull();
        assertThat(SecretText.mask("")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "author=Jane title=Design",
            "signal=TERM design=new",
            "healthToken=(none)",
            "password: (unset)",
            "at fr.pareto.TokenStore.load(TokenStore.java:42)",
            "see https://example.com/a:b/c",
            "plain message without secrets",
    })
    void keepsOrdinaryText(String text) {
        assertThat(SecretText.mask(text)).isEqualTo(text);
    }
}
