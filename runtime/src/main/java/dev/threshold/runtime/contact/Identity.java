package dev.threshold.runtime.contact;

import java.util.Locale;

/**
 * One way events name a person: an external id of a source system ({@code pms:R-1042}), an email address or
 * a phone number. Email and phone match a person only once verified; an external id always does.
 */
public record Identity(Kind kind, String value, boolean verified) {

    /** The kinds of identity. */
    public enum Kind {
        EXTERNAL,
        EMAIL,
        PHONE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Identity {
        value = switch (kind) {
            case EMAIL -> value.trim().toLowerCase(Locale.ROOT);
            case PHONE -> value.replaceAll("[^+0-9]", "");
            case EXTERNAL -> value.trim();
        };
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an empty " + kind.id() + " names no one");
        }
    }

    public static Identity external(String id) {
        return new Identity(Kind.EXTERNAL, id, true);
    }

    public static Identity email(String address, boolean verified) {
        return new Identity(Kind.EMAIL, address, verified);
    }

    public static Identity phone(String number, boolean verified) {
        return new Identity(Kind.PHONE, number, verified);
    }
}
