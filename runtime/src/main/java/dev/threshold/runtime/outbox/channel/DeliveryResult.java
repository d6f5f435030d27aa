package dev.threshold.runtime.outbox.channel;

/** What a channel says about one attempt to send. */
public sealed interface DeliveryResult {

    /** Sent now. */
    record Delivered(String detail) implements DeliveryResult {}

    /** A message with this key was delivered before; nothing was sent again. */
    record AlreadyDelivered(String detail) implements DeliveryResult {}

    /** Not sent; worth trying again later (a timeout, a 5xx, a rate limit). */
    record Retry(String reason) implements DeliveryResult {}

    /** Not sent, and trying again will not help (a 4xx, an invalid address): dead-letter it. */
    record Refused(String reason) implements DeliveryResult {}
}
