package dev.threshold.server.dashboard.journey;

/**
 * The Wilson score interval of a conversion: {@code goals} of {@code n} people, at 95% confidence. Unlike the
 * normal approximation it stays within 0–100% and is honest for small groups, which A/B variants often are.
 */
record Wilson(double low, double high) {
    private static final double Z = 1.959964;

    static Wilson of(long goals, long n) {
        if (n <= 0) {
            return new Wilson(0, 1);
        }
        double p = (double) goals / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new Wilson(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    String text() {
        return String.format(java.util.Locale.ROOT, "%.1f%% – %.1f%%", 100 * low, 100 * high);
    }
}
