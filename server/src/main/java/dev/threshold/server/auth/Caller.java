package dev.threshold.server.auth;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: the tenant every request acts for, the key and its role, and the communities the key is
 * limited to (empty: all of the tenant's).
 */
public record Caller(String tenant, String keyId, Role role, Set<String> communities) {
    public Caller {
        communities = Set.copyOf(communities);
    }

    public boolean scoped() {
        return !communities.isEmpty();
    }

    /** Whether a record of this community is visible to the key; a scoped key sees nothing without a community. */
    public boolean sees(Optional<String> community) {
        return !scoped() || community.filter(communities::contains).isPresent();
    }

    public boolean sees(String community) {
        return sees(Optional.ofNullable(community));
    }
}
