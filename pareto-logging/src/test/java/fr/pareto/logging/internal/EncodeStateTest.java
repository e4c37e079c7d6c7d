package fr.pareto.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EncodeStateTest {

    @Test
    void capRemovesAtLeastTheOverflow() {
        EncodeState state = new EncodeState();
        state.begin(Set.of(), EncodeState.NO_CAP);
        state.record("short");
        state.record("a".repeat(5_000));
        state.record("b".repeat(3_000));

        int cap = state.capFor(4_000, 40);

        long saved = Math.max(0, 5_000 - cap - 40) + Math.max(0, 3_000 - cap - 40);
        assertThat(saved).isGreaterThanOrEqualTo(4_000);
        assertThat(cap).isGreaterThan(5);
    }

    @Test
    void capCountsMultiByteCharacters() {
        EncodeState state = new EncodeState();
        state.begin(Set.of(), EncodeState.NO_CAP);
        state.record("中".repeat(10_000));

        int cap = state.capFor(20_000, 40);

        assertThat(cap).isNotEqualTo(EncodeState.NO_CAP);
        assertThat(30_000 - 3 * cap - 40).isGreaterThanOrEqualTo(20_000);
        assertThat(cap).isGreaterThan(3_000);
    }

    @Test
    void jsonBytesCountEscapesAndUtf8() {
        assertThat(EncodeState.jsonBytes("a\"\n\u0001é中😀", 8)).isEqualTo(1 + 2 + 2 + 6 + 2 + 3 + 4);
    }

    @Test
    void capIsImpossibleWhenStringsAreTooShort() {
        EncodeState state = new EncodeState();
        state.begin(Set.of(), EncodeState.NO_CAP);
        state.record("x".repeat(30));

        assertThat(state.capFor(1_000, 40)).isEqualTo(EncodeState.NO_CAP);
    }

    @Test
    void collidingNamesArePrefixedThenNumbered() {
        EncodeState state = new EncodeState();
        state.begin(Set.of("message"), EncodeState.NO_CAP);
        state.claim("status");
        state.collisionPrefix("fields.");

        assertThat(state.claim("message")).isEqualTo("fields.message");
        assertThat(state.claim("message")).isEqualTo("fields.message_2");
        assertThat(state.claim("status")).isEqualTo("fields.status");
        assertThat(state.claim("retailer")).isEqualTo("retailer");
    }
}
