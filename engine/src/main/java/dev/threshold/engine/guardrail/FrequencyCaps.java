package dev.threshold.engine.guardrail;

import dev.threshold.engine.journey.Channel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many marketing messages a person may get per channel in a rolling window, across all journeys.
 * Transactional messages are never counted or capped.
 */
public record FrequencyCaps(Map<Channel, Cap> caps) {

    /** At most {@code max} messages within {@code window}. */
    public record Cap(int max, Duration window) {}

    public FrequencyCaps {
        caps = Map.copyOf(caps);
    }

    /** Three texts and five emails a week; portal notices are not capped. */
    public static FrequencyCaps defaults() {
        Map<Channel, Cap> m = new EnumMap<>(Channel.class);
        m.put(Channel.SMS, new Cap(3, Duration.ofDays(7)));
        m.put(Channel.EMAIL, new Cap(5, Duration.ofDays(7)));
        return new FrequencyCaps(m);
    }

    public Optional<Cap> cap(Channel channel) {
        return Optional.ofNullable(caps.get(channel));
    }
}
