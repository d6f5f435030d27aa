package dev.threshold.domain.leasing;

import dev.threshold.domain.contact.Preferences;
import java.time.Instant;
import java.util.Optional;

/**
 * A lead as a leasing office records it: who inquired, where, through which source, what they look for.
 *
 * @param source {@code website}, {@code ils}, {@code phone}, {@code walk-in}, {@code referral}, {@code other}
 * @param referralCode the code a referring resident gave them, when they came with one
 */
public record GuestCard(
        String id,
        String contact,
        String community,
        String source,
        Optional<String> ils,
        Instant receivedAt,
        Preferences preferences,
        String message,
        Optional<String> referralCode) {}
