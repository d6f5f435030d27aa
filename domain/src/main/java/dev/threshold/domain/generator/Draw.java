package dev.threshold.domain.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded draws for the generator: the same seed gives the same portfolio on every machine. Each community
 * draws from its own stream (split from the seed by its index), so communities do not depend on each
 * other's draws.
 */
final class Draw {
    private final SplittableRandom random;

    Draw(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A stream for one part of the portfolio, independent of the others. */
    static Draw of(long seed, String part, long index) {
        return new Draw(mix(seed * 31 + part.hashCode()) ^ mix(index + 0x9E3779B97F4A7C15L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    int between(int lowInclusive, int highInclusive) {
        return random.nextInt(lowInclusive, highInclusive + 1);
    }

    double between(double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** An index drawn with the given weights. */
    int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A value from a normal distribution, clipped to a range. */
    double normal(double mean, double sd, double low, double high) {
        double u1 = Math.max(1e-12, random.nextDouble());
        double u2 = random.nextDouble();
        double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.max(low, Math.min(high, mean + sd * z));
    }
}
