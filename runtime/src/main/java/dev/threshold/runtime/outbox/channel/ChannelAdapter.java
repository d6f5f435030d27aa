package dev.threshold.runtime.outbox.channel;

import dev.threshold.engine.journey.Channel;
import java.util.Set;

/**
 * Sends messages on some channels: email, SMS and portal providers, webhooks, or a recording for tests. The
 * dispatcher calls it after the guardrails said yes, with the message's deterministic key; an adapter must
 * make a repeat of a delivered key harmless (the provider's idempotency key, a dedupe table), because a crash
 * between sending and recording the send makes the dispatcher try again.
 */
public interface ChannelAdapter {

    /** The channels this adapter sends on. */
    Set<Channel> channels();

    /** One attempt; never throws for a failed delivery, says {@link DeliveryResult.Retry} or {@code Refused}. */
    DeliveryResult send(OutboundMessage message);
}
