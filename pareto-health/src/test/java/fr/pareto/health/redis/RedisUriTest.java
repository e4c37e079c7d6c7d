package fr.pareto.health.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisUriTest {

    @Test
    void plainUrlGetsDefaults() {
        RedisUri uri = RedisUri.parse("redis://redis");

        assertThat(uri.host()).isEqualTo("redis");
        assertThat(uri.port()).isEqualTo(6379);
        assertThat(uri.database()).isZero();
        assertThat(uri.tls()).isFalse();
        assertThat(uri.user()).isEmpty();
        assertThat(uri.password()).isEmpty();
    }

    @Test
    void everyPartIsRead() {
        RedisUri uri = RedisUri.parse("rediss://app:p%40ss%3Aword@cache.internal:6380/2");

        assertThat(uri.host()).isEqualTo("cache.internal");
        assertThat(uri.port()).isEqualTo(6380);
        assertThat(uri.database()).isEqualTo(2);
        assertThat(uri.tls()).isTrue();
        assertThat(uri.user()).hasValue("app");
        assertThat(uri.password()).hasValue("p@ss:word");
    }

    @Test
    void passwordAloneHasNoUser() {
        assertThat(RedisUri.parse("redis://:secret@h").user()).isEmpty();
        assertThat(RedisUri.parse("redis://:secret@h").password()).hasValue("secret");
        assertThat(RedisUri.parse("redis://secret@h").password()).hasValue("secret");
    }

    @Test
    void ipv6HostLosesBrackets() {
        RedisUri uri = RedisUri.parse("redis://[::1]:6379");

        assertThat(uri.host()).isEqualTo("::1");
        assertThat(uri.toString()).isEqualTo("redis://[::1]:6379/0");
    }

    @Test
    void toStringHidesPassword() {
        assertThat(RedisUri.parse("redis://app:hunter2@h:1/3").toString()).isEqualTo("redis://app:***@h:1/3");
        assertThat(RedisUri.parse("redis://:hunter2@h").toString()).isEqualTo("redis://:***@h:6379/0");
    }

    @Test
    void invalidUrlsAreRejectedWithoutPassword() {
        assertThatThrownBy(() -> RedisUri.parse("http://h:6379"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the scheme must be redis or rediss");
        assertThatThrownBy(() -> RedisUri.parse("redis://:hunter2@h/abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("database number")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("redis://:hunter2@h:6379?timeout=5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query parameters")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("redis://:pass#word@h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pass#word");
        assertThatThrownBy(() -> RedisUri.parse("redis://"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> RedisUri.parse(null))
                .isInstanceOf(NullPointerException.class).hasMessage("url");
    }
}
