package dev.threshold.runtime.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.domain.community.Unit;
import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.generator.PortfolioGenerator;
import dev.threshold.domain.generator.SyntheticPortfolio;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's in-memory property records stay what the store holds, whoever changed the store. */
class TenantRecordsTest {
    private static final SyntheticPortfolio PORTFOLIO = PortfolioGenerator.generate(7, 200, LocalDate.of(2027, 3, 1));

    @TempDir
    Path dir;

    @Test
    void records_imported_after_a_node_read_them_are_seen_at_its_next_look() throws Exception {
        try (TestStore ts = TestStore.open(Dialect.SQLITE, dir)) {
            Store store = ts.store();
            StoredProperties properties =
                    new StoredProperties(store, new SettableClock(Instant.parse("2027-03-01T12:00:00Z")));
            TenantRecords records = new TenantRecords();
            assertThat(store.read(h -> records.current(h.getConnection(), "acme"))
                            .records()
                            .communities())
                    .isEmpty();

            properties.apply("acme", PORTFOLIO.changes());

            TenantRecords.Versioned seen = store.read(h -> records.current(h.getConnection(), "acme"));
            assertThat(seen.records().communities())
                    .hasSameSizeAs(PORTFOLIO.store().communities());
            assertThat(store.read(h -> records.current(h.getConnection(), "other"))
                            .records()
                            .communities())
                    .as("another tenant's records")
                    .isEmpty();
        }
    }

    @Test
    void a_change_a_worker_made_and_committed_is_kept_and_a_change_made_meanwhile_elsewhere_is_read_again()
            throws Exception {
        try (TestStore ts = TestStore.open(Dialect.SQLITE, dir)) {
            Store store = ts.store();
            StoredProperties properties =
                    new StoredProperties(store, new SettableClock(Instant.parse("2027-03-01T12:00:00Z")));
            properties.apply("acme", PORTFOLIO.changes());
            TenantRecords records = new TenantRecords();
            TenantRecords.Versioned before = store.read(h -> records.current(h.getConnection(), "acme"));
            Unit unit = before.records()
                    .units(before.records().communities().get(0).id())
                    .get(0);
            Unit leased = unit.withStatus(UnitStatus.VACANT_LEASED, Optional.empty());

            // a worker leases a unit: in memory at once, then in its transaction
            before.records().apply(ChangeSet.builder().unit(leased).build());
            long after = store.write(h -> StoredProperties.writeRecords(
                    h.getConnection(),
                    store.partitions(),
                    "acme",
                    ChangeSet.builder().unit(leased).build(),
                    Instant.EPOCH));
            records.committed("acme", before.version(), after, 1);
            TenantRecords.Versioned kept = store.read(h -> records.current(h.getConnection(), "acme"));
            assertThat(kept.records()).as("the same records, not read again").isSameAs(before.records());
            assertThat(kept.records().unit(unit.community(), unit.id())).contains(leased);

            // an import on another node raises the version again: the next look reads the store
            properties.apply("acme", ChangeSet.builder().unit(unit).build());
            TenantRecords.Versioned reread = store.read(h -> records.current(h.getConnection(), "acme"));
            assertThat(reread.records()).isNotSameAs(before.records());
            assertThat(reread.records().unit(unit.community(), unit.id())).contains(unit);
        }
    }
}
