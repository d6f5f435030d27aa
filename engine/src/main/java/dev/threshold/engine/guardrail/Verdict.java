package dev.threshold.engine.guardrail;

import dev.threshold.engine.journey.Channel;
import java.time.Instant;
import java.util.Optional;

/** What the guardrails say about a message now: send it on a channel, defer it to a moment, or skip it. */
public sealed interface Verdict {

    /** The reason, for the "why" view. */
    String reason();

    /** Send now on this channel. */
    record Send(Channel channel, String reason) implements Verdict {}

    /** Not now: try again at {@code until} (quiet hours, a frequency cap). */
    record Defer(Channel channel, Instant until, String reason) implements Verdict {}

    /** Not at all: no channel is permitted. */
    record Skip(String reason) implements Verdict {}

    default Optional<Channel> usedChannel() {
        return switch (this) {
            case Send s -> Optional.of(s.channel());
            case Defer d -> Optional.of(d.channel());
            case Skip s -> Optional.empty();
        };
    }
}
