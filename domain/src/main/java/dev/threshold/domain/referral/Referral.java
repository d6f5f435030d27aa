package dev.threshold.domain.referral;

import java.time.Instant;

/** A referred person arriving with a resident's code: who referred whom, and when. */
public record Referral(ReferralCode code, String referrer, String referred, Instant at) {}
