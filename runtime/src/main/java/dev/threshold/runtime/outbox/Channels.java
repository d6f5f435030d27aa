package dev.threshold.runtime.outbox;

import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.outbox.channel.ChannelAdapter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which adapter sends on which channel; the first adapter given for a channel wins. */
public final class Channels {
    private final Map<Channel, ChannelAdapter> byChannel = new EnumMap<>(Channel.class);

    public Channels(List<ChannelAdapter> adapters) {
        for (ChannelAdapter a : adapters) {
            for (Channel c : a.channels()) {
                byChannel.putIfAbsent(c, a);
            }
        }
    }

    public Optional<ChannelAdapter> adapter(Channel channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }
}
