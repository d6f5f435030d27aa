package dev.threshold.runtime.contact;

import java.util.Optional;

/**
 * How an event names its person, before resolution: Threshold's own id, or identities to match.
 *
 * @param id Threshold's contact id, when the sender knows it
 */
public record ContactRef(
        Optional<String> id, Optional<Identity> external, Optional<Identity> email, Optional<Identity> phone) {

    public static ContactRef ofId(String id) {
        return new ContactRef(Optional.of(id), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The identities to record for a person created from this reference. */
    java.util.List<Identity> identities() {
        java.util.List<Identity> out = new java.util.ArrayList<>();
        external.ifPresent(out::add);
        email.ifPresent(out::add);
        phone.ifPresent(out::add);
        return out;
    }
}
