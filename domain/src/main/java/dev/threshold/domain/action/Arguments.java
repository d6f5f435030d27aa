package dev.threshold.domain.action;

import dev.threshold.domain.money.Money;
import dev.threshold.engine.action.ActionException;
import dev.threshold.engine.action.ActionRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The arguments of one action call, read with types and with clear errors. A value comes from the
 * journey's {@code with:} first, then from a {@code preferences} map the journey may pass (an event's
 * fields: {@code preferences: event}, so the fields an event lacks simply fall through), then from what the
 * person told us ({@code contact.preferences}), then from their attributes. So {@code match-units} with no
 * arguments matches on the person's stated preferences, and a journey can still override any of them.
 */
public final class Arguments {
    /** The argument that carries a map of preferences, such as the triggering event's fields. */
    public static final String PREFERENCES = "preferences";

    private final String action;
    private final ActionRequest request;

    public Arguments(String action, ActionRequest request) {
        this.action = action;
        this.request = request;
    }

    public ActionRequest request() {
        return request;
    }

    /** The value under {@code name} in the arguments, else {@code fallback} in preferences, then attributes. */
    public Optional<Object> value(String name, String fallback) {
        Object v = request.args().get(name);
        if (v == null && fallback != null && request.args().get(PREFERENCES) instanceof Map<?, ?> given) {
            v = given.get(fallback);
        }
        if (v == null && fallback != null) {
            v = request.contact().preferences().get(fallback);
            if (v == null) {
                v = request.contact().attributes().get(fallback);
            }
        }
        if (v instanceof String s && s.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(v);
    }

    public Optional<Object> value(String name) {
        return value(name, name);
    }

    /** A list or text value of {@code name} when it has at least one item, for fields such as {@code pet_types}. */
    public Optional<Object> nonEmpty(String name) {
        return value(name).filter(v -> !(v instanceof java.util.Collection<?> c) || !c.isEmpty());
    }

    /** Only what the journey passed, never a preference. */
    public Optional<Object> given(String name) {
        return value(name, null);
    }

    public Optional<String> text(String name, String fallback) {
        return value(name, fallback).map(Object::toString).map(String::strip);
    }

    public Optional<LocalDate> date(String name, String fallback, ZoneId zone) {
        return value(name, fallback).map(v -> toDate(name, v, zone));
    }

    private LocalDate toDate(String name, Object v, ZoneId zone) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof Instant i) {
            return i.atZone(zone).toLocalDate();
        }
        String s = v.toString().strip();
        try {
            return s.length() > 10
                    ? OffsetDateTime.parse(s).atZoneSameInstant(zone).toLocalDate()
                    : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw problem(name, v, "a date such as 2027-04-01");
        }
    }

    public Optional<Money> money(String name, String fallback) {
        return value(name, fallback).map(v -> {
            try {
                return v instanceof Number n ? Money.ofNumber(n) : Money.parse(v.toString());
            } catch (IllegalArgumentException e) {
                throw problem(name, v, "an amount of dollars such as 1500");
            }
        });
    }

    public OptionalInt integer(String name, String fallback) {
        Optional<Object> v = value(name, fallback);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        Object o = v.get();
        if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return OptionalInt.of(n.intValue());
        }
        try {
            return OptionalInt.of(Integer.parseInt(o.toString().strip()));
        } catch (NumberFormatException e) {
            throw problem(name, o, "a whole number");
        }
    }

    public int integer(String name, int otherwise) {
        return integer(name, null).orElse(otherwise);
    }

    public Optional<Double> number(String name, String fallback) {
        return value(name, fallback).map(o -> {
            if (o instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(o.toString().strip());
            } catch (NumberFormatException e) {
                throw problem(name, o, "a number");
            }
        });
    }

    public boolean flag(String name, boolean otherwise) {
        return given(name)
                .map(o -> {
                    if (o instanceof Boolean b) {
                        return b;
                    }
                    String s = o.toString().strip().toLowerCase(Locale.ROOT);
                    if (s.equals("true") || s.equals("yes")) {
                        return true;
                    }
                    if (s.equals("false") || s.equals("no")) {
                        return false;
                    }
                    throw problem(name, o, "true or false");
                })
                .orElse(otherwise);
    }

    /** A set of lower-case words from a list or a comma-separated text. */
    public Set<String> words(String name, String fallback) {
        Optional<Object> v = value(name, fallback);
        Set<String> out = new LinkedHashSet<>();
        v.ifPresent(o -> {
            if (o instanceof Collection<?> c) {
                c.forEach(x -> add(out, x.toString()));
            } else if (o instanceof Map<?, ?> m) {
                m.forEach((k, x) -> {
                    if (!Boolean.FALSE.equals(x)) {
                        add(out, k.toString());
                    }
                });
            } else {
                for (String part : o.toString().split(",")) {
                    add(out, part);
                }
            }
        });
        return out;
    }

    private static void add(Set<String> out, String word) {
        String w = word.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        if (!w.isEmpty()) {
            out.add(w);
        }
    }

    /** An error naming the action, the argument, what it got and what it expects. */
    public ActionException problem(String name, Object value, String expected) {
        return new ActionException(action + ": '" + name + "' is " + describe(value) + "; expected " + expected);
    }

    public ActionException problem(String message) {
        return new ActionException(action + ": " + message);
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
