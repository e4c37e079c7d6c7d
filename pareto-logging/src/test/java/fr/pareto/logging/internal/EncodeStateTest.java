package fr.pareto.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EncodeStateTest {

    @Test
    void capRemovesAtLeastTheOverflow() {
        EncodeState state = new EncodeState();
        state.begin(Set.of(), EncodeState.NO_CAP);
        state.recordLength(10);
        state.recordLength(5_000);
        state.recordLength(3_000);

        int cap = state.capFor(4_000, 40);

        long saved = Math.max(0, 5_000 - cap - 40) + Math.max(0, 3_000 - cap - 40);
        assertThat(saved).isGreaterThanOrEqualTo(4_000);
        assertThat(cap).isGreaterThan(10);
    }

    @Test
    void capIsImpossibleWhenStringsAreTooShort() {
        EncodeState state = new EncodeState();
        state.begin(Set.of(), EncodeState.NO_CAP);
        state.recordLength(30);

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
