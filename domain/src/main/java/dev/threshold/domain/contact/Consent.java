package dev.threshold.domain.contact;

import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;

/**
 * A person's yes (or no) to hearing from us on a channel for a purpose, with where and when they said it:
 * the record that proves express consent for marketing texts.
 *
 * @param source where it was given: {@code web-form:contact-us}, {@code ils:zillow}, {@code sms:START},
 *     {@code lease:addendum}, {@code csv:contacts.csv}
 */
public record Consent(Channel channel, Purpose purpose, boolean granted, String source, Instant at) {}
