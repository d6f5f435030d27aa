package dev.threshold.runtime.processing;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.expr.Values;
import java.util.LinkedHashMap;
import java.util.Map;

/** A journey's {@code update} step applied to a contact: {@code preferences.x} sets a preference, else an attribute. */
final class ContactUpdate {
    private ContactUpdate() {}

    static ContactView apply(ContactView c, Map<String, Object> set) {
        Map<String, Object> attributes = new LinkedHashMap<>(c.attributes());
        Map<String, Object> preferences = new LinkedHashMap<>(c.preferences());
        set.forEach((k, v) -> {
            if (k.startsWith("preferences.")) {
                preferences.put(k.substring("preferences.".length()), Values.normalize(v));
            } else {
                attributes.put(
                        k.startsWith("attributes.") ? k.substring("attributes.".length()) : k, Values.normalize(v));
            }
        });
        return new ContactView(
                c.id(),
                c.roles(),
                c.firstName(),
                c.lastName(),
                c.timezone(),
                c.language(),
                c.community(),
                c.state(),
                c.addresses(),
                c.consent(),
                c.suppressed(),
                preferences,
                attributes,
                c.agent(),
                c.lastActivityAt());
    }
}
