package dev.threshold.server.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key is for. An admin does everything; an editor runs the journeys and the data but not access; an
 * agent works tasks, contacts and instances; an ingest key only feeds events and data in (a PMS integration);
 * a read-only key reads.
 */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    EDITOR(EnumSet.complementOf(EnumSet.of(Permission.MANAGE_ACCESS))),
    AGENT(EnumSet.of(Permission.READ, Permission.WRITE_CONTACTS, Permission.COMMAND_INSTANCES, Permission.WORK_TASKS)),
    INGEST(EnumSet.of(Permission.SEND_EVENTS, Permission.WRITE_CONTACTS, Permission.WRITE_PROPERTY)),
    READ_ONLY(EnumSet.of(Permission.READ));

    private final Set<Permission> grants;

    Role(Set<Permission> grants) {
        this.grants = Set.copyOf(grants);
    }

    public boolean allows(Permission p) {
        return grants.contains(p);
    }

    /** The role's name in keys, the CLI and the API: {@code admin}, {@code read-only}… */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.id().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The role names, for messages. */
    public static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Role::id).toList());
    }
}
