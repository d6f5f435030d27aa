package dev.threshold.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(6), 8);

    @Test
    void each_wait_lies_between_half_and_all_of_a_doubling_step() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            long step = Math.min(Duration.ofHours(6).toMillis(), 30_000L << (attempt - 1));
            assertThat(backoff.delay("k", attempt).toMillis()).isBetween(step / 2, step);
        }
    }

    @Test
    void the_same_message_and_attempt_always_wait_the_same_and_different_messages_spread_out() {
        assertThat(backoff.delay("msg-1", 3)).isEqualTo(backoff.delay("msg-1", 3));
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> backoff.delay("msg-" + i, 3))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(50);
    }
}
