package dev.threshold.domain.contact;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A role a person held, where and from when until when: a resident of Cedar Ridge from 2025-06-01 until
 * 2027-05-31, then a former resident.
 *
 * @param community where the role applies; empty for portfolio-wide roles (an owner, a business client)
 * @param until the last day, inclusive; empty while it lasts
 */
public record RoleSpan(Role role, Optional<String> community, LocalDate from, Optional<LocalDate> until) {

    public RoleSpan {
        if (until.isPresent() && until.get().isBefore(from)) {
            throw new IllegalArgumentException(
                    role.id() + " from " + from + " cannot end before it starts (" + until.get() + ")");
        }
    }

    public static RoleSpan since(Role role, String community, LocalDate from) {
        return new RoleSpan(role, Optional.ofNullable(community), from, Optional.empty());
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(from) && until.map(u -> !day.isAfter(u)).orElse(true);
    }
}
