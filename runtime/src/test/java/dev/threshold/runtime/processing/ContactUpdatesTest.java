package dev.threshold.runtime.processing;

import static dev.threshold.runtime.support.Residents.aResident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.support.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A journey's update of a contact never undoes what someone else changed about the person meanwhile. */
class ContactUpdatesTest {
    private static final Instant NOW = Instant.parse("2027-03-01T16:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Dialect.class)
    void an_update_step_decided_on_an_older_copy_keeps_a_consent_withdrawn_meanwhile(Dialect dialect) {
        try (TestStore ts = TestStore.open(dialect, dir)) {
            Store store = ts.store();
            Partitions partitions = store.partitions();
            ContactView dana = aResident("R-7").build();
            store.write(h -> {
                Directory.writeContact(h.getConnection(), partitions, "acme", dana, NOW);
                return null;
            });
            // a worker decided, on the copy it read, that a journey records Dana's parking need
            BatchWrites writes = new BatchWrites(partitions, NOW);
            writes.contactUpdate("acme", "R-7", Map.of("preferences.vehicles", 1L, "parking_asked", true));
            // before it writes, Dana withdraws marketing consent through the API
            ContactView withdrawn = new ContactView(
                    dana.id(),
                    dana.roles(),
                    dana.firstName(),
                    dana.lastName(),
                    dana.timezone(),
                    dana.language(),
                    dana.community(),
                    dana.state(),
                    dana.addresses(),
                    Map.of(Channel.EMAIL, Set.of(Purpose.TRANSACTIONAL)),
                    dana.suppressed(),
                    dana.preferences(),
                    dana.attributes(),
                    dana.agent(),
                    dana.lastActivityAt());
            store.write(h -> {
                Directory.writeContact(h.getConnection(), partitions, "acme", withdrawn, NOW);
                return null;
            });

            store.write(h -> {
                writes.flush(h.getConnection(), dialect);
                return null;
            });

            ContactView stored = store.read(h -> Directory.findContact(h.getConnection(), "acme", "R-7"))
                    .orElseThrow();
            assertThat(stored.consent().get(Channel.EMAIL)).containsExactly(Purpose.TRANSACTIONAL);
            assertThat(stored.preferences()).containsEntry("vehicles", 1L);
            assertThat(stored.attributes()).containsEntry("parking_asked", true);
            List<String> parkers = store.read(h -> h.createQuery("SELECT contact_id FROM contact_preferences"
                            + " WHERE tenant_id = 'acme' AND name = 'vehicles' AND number >= 1")
                    .mapTo(String.class)
                    .list());
            assertThat(parkers)
                    .as("the new preference is indexed for audiences")
                    .isEqualTo(List.of("R-7"));
        }
    }
}
