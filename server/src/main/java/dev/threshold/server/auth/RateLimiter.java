package dev.threshold.server.auth;

import java.time.InstantSource;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per key, as a token bucket: {@code burst} requests at once, refilled at {@code perSecond}. A request
 * beyond it is refused with the seconds to wait (the {@code Retry-After} of a 429). Kept in this process: each
 * node of a cluster counts on its own.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(double perSecond, int burst, InstantSource clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one request's token; empty when allowed, else the whole seconds to wait. */
    public OptionalLong acquire(String key) {
        long now = clock.millis();
        if (buckets.size() > 100_000) {
            buckets.clear(); // a flood of distinct keys must not grow memory without bound
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            double refill = Math.max(0, now - b.at) / 1000.0 * perSecond;
            b.tokens = Math.min(burst, b.tokens + refill);
            b.at = Math.max(b.at, now);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond)));
        }
    }
}
