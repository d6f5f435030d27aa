package dev.threshold.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * An amount of US dollars, held in whole cents so that rents add up exactly. Rents, fees, caps and
 * concessions are all {@code Money}; results handed to journeys carry them as numbers of dollars.
 *
 * <pre>{@code
 * Money rent = Money.parse("1465.50");
 * rent.plus(Money.dollars(25)).text();   // "$1,490.50"
 * }</pre>
 */
public record Money(long cents) implements Comparable<Money> {
    public static final Money ZERO = new Money(0);

    public static Money dollars(long dollars) {
        return new Money(Math.multiplyExact(dollars, 100));
    }

    /** From a decimal amount of dollars; more than two decimals is an error, not a rounding. */
    public static Money of(BigDecimal dollars) {
        BigDecimal cents = dollars.movePointRight(2);
        try {
            return new Money(cents.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "'" + dollars.toPlainString() + "' is not an amount in dollars and cents");
        }
    }

    /** Parses {@code 1465}, {@code 1465.5}, {@code $1,465.50}. */
    public static Money parse(String text) {
        String clean = text.trim().replace("$", "").replace(",", "");
        try {
            return of(new BigDecimal(clean));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an amount of money, e.g. 1465 or 1465.50");
        }
    }

    /** From a number of dollars as JSON and CEL give them. */
    public static Money ofNumber(Number dollars) {
        if (dollars instanceof Long || dollars instanceof Integer) {
            return dollars(dollars.longValue());
        }
        return of(BigDecimal.valueOf(dollars.doubleValue()).setScale(2, RoundingMode.HALF_UP));
    }

    public BigDecimal amount() {
        return BigDecimal.valueOf(cents, 2);
    }

    /** Dollars as a number, the way results reach conditions and templates. */
    public double toNumber() {
        return cents / 100.0;
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(cents, other.cents));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(cents, other.cents));
    }

    /** This amount times a factor, rounded half-up to the cent. */
    public Money times(BigDecimal factor) {
        return of(amount().multiply(factor).setScale(2, RoundingMode.HALF_UP));
    }

    /** A percentage of this amount ({@code percent(5)} of $1,500 is $75), rounded half-up to the cent. */
    public Money percent(BigDecimal percent) {
        return times(percent.movePointLeft(2));
    }

    /** This amount as a percentage of another, to two decimals. */
    public BigDecimal percentOf(Money base) {
        if (base.cents == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(cents)
                .movePointRight(2)
                .divide(BigDecimal.valueOf(base.cents), 2, RoundingMode.HALF_UP);
    }

    /** Rounded to a multiple of {@code step} (e.g. $5), down or to the nearest. */
    public Money roundTo(Money step, boolean down) {
        if (step.cents <= 0) {
            return this;
        }
        long q = Math.floorDiv(cents, step.cents);
        long rem = Math.floorMod(cents, step.cents);
        long rounded = down || rem * 2 < step.cents ? q * step.cents : (q + 1) * step.cents;
        return new Money(rounded);
    }

    public boolean isNegative() {
        return cents < 0;
    }

    public boolean isPositive() {
        return cents > 0;
    }

    public boolean isGreaterThan(Money other) {
        return cents > other.cents;
    }

    public boolean isLessThan(Money other) {
        return cents < other.cents;
    }

    public static Money min(Money a, Money b) {
        return a.cents <= b.cents ? a : b;
    }

    public static Money max(Money a, Money b) {
        return a.cents >= b.cents ? a : b;
    }

    @Override
    public int compareTo(Money o) {
        return Long.compare(cents, o.cents);
    }

    /** As people read it: {@code $1,465} or {@code $1,465.50}; negative amounts as {@code -$25}. */
    public String text() {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
        f.setMinimumFractionDigits(cents % 100 == 0 ? 0 : 2);
        f.setMaximumFractionDigits(2);
        String body = "$" + f.format(BigDecimal.valueOf(Math.abs(cents), 2));
        return cents < 0 ? "-" + body : body;
    }

    @Override
    public String toString() {
        return text();
    }
}
