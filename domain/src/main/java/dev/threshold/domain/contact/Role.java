package dev.threshold.domain.contact;

import java.util.Locale;
import java.util.Optional;

/** What a person is to the tenant. One person may hold several roles, and they change over time. */
public enum Role {
    PROSPECT,
    APPLICANT,
    RESIDENT,
    FORMER_RESIDENT,
    HOA_MEMBER,
    OWNER,
    BUSINESS_CLIENT;

    /** The id journeys use for the audience: {@code former-resident}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Role> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (Role r : values()) {
            if (r.id().equals(t)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
