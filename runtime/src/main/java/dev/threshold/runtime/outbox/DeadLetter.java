package dev.threshold.runtime.outbox;

import java.time.Instant;

/** A message the dispatcher gave up on, with why. */
public record DeadLetter(
        String tenant,
        String key,
        String contact,
        String journey,
        String step,
        int attempts,
        String lastError,
        Instant since) {}
