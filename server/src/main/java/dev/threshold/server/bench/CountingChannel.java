package dev.threshold.server.bench;

import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.outbox.channel.ChannelAdapter;
import dev.threshold.runtime.outbox.channel.DeliveryResult;
import dev.threshold.runtime.outbox.channel.OutboundMessage;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A channel for benchmarks: counts what it is handed, by channel, and keeps nothing else, so that a million
 * messages do not fill the heap the benchmark measures.
 */
public final class CountingChannel implements ChannelAdapter {
    private final Map<Channel, LongAdder> sent = new EnumMap<>(Channel.class);

    public CountingChannel() {
        for (Channel c : Channel.values()) {
            sent.put(c, new LongAdder());
        }
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.allOf(Channel.class);
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        sent.get(message.channel()).increment();
        return new DeliveryResult.Delivered("counted");
    }

    public long sent(Channel channel) {
        return sent.get(channel).sum();
    }
}
