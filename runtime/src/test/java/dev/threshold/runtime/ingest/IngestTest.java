package dev.threshold.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.core.StateJson;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.contact.Identity;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.Residents;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IngestTest {
    private static final String TENANT = "acme";
    private static final Instant NOW = Instant.parse("2027-03-01T19:00:00Z");

    @TempDir
    Path dir;

    private TestStore ts;
    private ThresholdRuntime rt;

    void open(Dialect dialect) {
        ts = TestStore.open(dialect, dir);
        rt = ThresholdRuntime.builder(ts.store(), new SettableClock(NOW))
                .actions(dev.threshold.runtime.support.Library.actions())
                .channel(new RecordingChannel())
                .build();
    }

    @AfterEach
    void close() {
        if (ts != null) {
            ts.close();
        }
    }

    private static JsonNode json(String text) {
        return StateJson.read(text.replace('\'', '"'), JsonNode.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_bad_event_is_refused_with_every_problem_and_where_it_is_and_nothing_is_stored(Dialect dialect) {
        open(dialect);
        IngestResult r = rt.ingest()
                .ingest(
                        TENANT,
                        json("{'type': 'feedback.submitted', 'occurred_at': 'yesterday',"
                                + " 'contact': {'email': 'not-an-address'}, 'data': {'score': 42}, 'colour': 'red'}"));

        assertThat(r).isInstanceOf(IngestResult.Rejected.class);
        List<IngestProblem> problems = ((IngestResult.Rejected) r).problems();
        assertThat(problems)
                .extracting(IngestProblem::field)
                .contains("id", "occurred_at", "contact.email", "data.score", "colour");
        assertThat(((IngestResult.Rejected) r).message()).contains("'yesterday' is not a date-time with offset");
        assertThat(count("SELECT COUNT(*) FROM event_log")).isZero();
        assertThat(count("SELECT COUNT(*) FROM contacts")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void an_unknown_event_type_is_refused_by_name(Dialect dialect) {
        open(dialect);
        IngestResult r = rt.ingest()
                .ingest(
                        TENANT,
                        json("{'id': 'e1', 'type': 'unit.exploded',"
                                + " 'occurred_at': '2027-03-01T12:00:00-07:00', 'contact': 'R-1'}"));

        assertThat(((IngestResult.Rejected) r).message()).contains("'unit.exploded' is not in the event vocabulary");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_repeated_idempotency_key_is_acknowledged_as_a_duplicate_and_not_applied_again(Dialect dialect) {
        open(dialect);
        rt.directory().saveContact(TENANT, Residents.aResident("R-1").build(), List.of());
        JsonNode rating = Residents.rating("evt-1", "R-1", 9, NOW);

        IngestResult first = rt.ingest().ingest(TENANT, rating);
        List<IngestResult> again = rt.ingest()
                .ingest(
                        TENANT,
                        List.of(
                                rating,
                                Residents.rating("evt-2", "R-1", 3, NOW),
                                Residents.rating("evt-2", "R-1", 3, NOW)));

        assertThat(first).isEqualTo(new IngestResult.Accepted("evt-1", "R-1"));
        assertThat(again)
                .containsExactly(
                        new IngestResult.Duplicate("evt-1"),
                        new IngestResult.Accepted("evt-2", "R-1"),
                        new IngestResult.Duplicate("evt-2"));
        assertThat(((IngestResult.Duplicate) again.get(0)).message()).contains("already received");
        assertThat(count("SELECT COUNT(*) FROM event_log")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void the_same_key_from_another_tenant_is_another_event(Dialect dialect) {
        open(dialect);
        rt.ingest().ingest(TENANT, Residents.rating("evt-1", "R-1", 9, NOW));
        IngestResult other = rt.ingest().ingest("globex", Residents.rating("evt-1", "R-1", 9, NOW));

        assertThat(other).isInstanceOf(IngestResult.Accepted.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_person_is_found_by_external_id_or_verified_email_and_created_when_unknown(Dialect dialect) {
        open(dialect);
        rt.directory()
                .saveContact(
                        TENANT,
                        Residents.aResident("R-7").build(),
                        List.of(Identity.external("pms:R-1042"), Identity.email("Dana@Example.com", true)));

        IngestResult byExternal = rt.ingest()
                .ingest(
                        TENANT,
                        json(
                                "{'id': 'a', 'type': 'portal.login',"
                                        + " 'occurred_at': '2027-03-01T12:00:00-07:00', 'contact': {'external_id': 'pms:R-1042'}}"));
        IngestResult byEmail = rt.ingest()
                .ingest(
                        TENANT,
                        json(
                                "{'id': 'b', 'type': 'portal.login',"
                                        + " 'occurred_at': '2027-03-01T12:00:00-07:00', 'contact': {'email': 'dana@example.com'}}"));
        IngestResult stranger = rt.ingest()
                .ingest(
                        TENANT,
                        json(
                                "{'id': 'c', 'type': 'portal.login',"
                                        + " 'occurred_at': '2027-03-01T12:00:00-07:00', 'contact': {'external_id': 'ils:L-9'}}"));
        IngestResult strangerAgain = rt.ingest()
                .ingest(
                        TENANT,
                        json(
                                "{'id': 'd', 'type': 'portal.login',"
                                        + " 'occurred_at': '2027-03-01T12:00:00-07:00', 'contact': {'external_id': 'ils:L-9'}}"));

        assertThat(((IngestResult.Accepted) byExternal).contact()).isEqualTo("R-7");
        assertThat(((IngestResult.Accepted) byEmail).contact()).isEqualTo("R-7");
        String created = ((IngestResult.Accepted) stranger).contact();
        assertThat(created).startsWith("c-").isEqualTo(((IngestResult.Accepted) strangerAgain).contact());
        assertThat(rt.directory().contact(TENANT, created)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void callers_sending_at_once_each_get_their_own_answer_and_a_key_sent_twice_is_taken_once(Dialect dialect)
            throws Exception {
        open(dialect);
        int callers = 300; // callers 0-99 and 100-199 send the same keys; 200-299 keys of their own
        List<java.util.concurrent.Future<IngestResult>> answers = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                String key = "evt-" + (i < 200 ? i % 100 : i);
                String resident = "R-" + (i % 100);
                answers.add(pool.submit(() -> rt.ingest().ingest(TENANT, Residents.rating(key, resident, 9, NOW))));
            }
        }
        java.util.Map<String, List<String>> byKey = new java.util.TreeMap<>();
        for (var a : answers) {
            IngestResult r = a.get();
            byKey.computeIfAbsent(r.id(), k -> new java.util.ArrayList<>())
                    .add(r.getClass().getSimpleName());
        }

        assertThat(byKey).hasSize(200);
        byKey.forEach((key, kinds) -> {
            int n = Integer.parseInt(key.substring(4));
            assertThat(kinds)
                    .as(key)
                    .containsExactlyInAnyOrderElementsOf(
                            n < 100 ? List.of("Accepted", "Duplicate") : List.of("Accepted"));
        });
        assertThat(count("SELECT COUNT(*) FROM event_log")).isEqualTo(200);
        assertThat(count("SELECT COUNT(DISTINCT event_key) FROM event_log")).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void when_a_shared_append_fails_each_callers_batch_is_tried_again_alone(Dialect dialect) throws Exception {
        ts = TestStore.open(dialect, dir);
        // the store's first job waits until every caller has queued, then fails after doing its work
        java.util.concurrent.CountDownLatch queued = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
        dev.threshold.runtime.store.Store failingOnce = new FailFirstJob(ts.store(), queued, jobs);
        Ingest ingest =
                new Ingest(failingOnce, dev.threshold.engine.event.EventCatalog.builtIn(), new SettableClock(NOW));
        List<java.util.concurrent.CompletableFuture<List<IngestResult>>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(ingest.submit(TENANT, List.of(Residents.rating("evt-" + i, "R-" + i, 9, NOW))));
        }
        queued.countDown();

        for (int i = 0; i < 5; i++) {
            assertThat(answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .containsExactly(new IngestResult.Accepted("evt-" + i, "R-" + i));
        }
        assertThat(jobs.get()).as("one shared job, then one for each caller").isEqualTo(6);
        assertThat(count("SELECT COUNT(*) FROM event_log")).isEqualTo(5);
    }

    /** A store whose first submitted job holds until released, runs, and then fails as a full disk would. */
    private record FailFirstJob(
            dev.threshold.runtime.store.Store store,
            java.util.concurrent.CountDownLatch release,
            java.util.concurrent.atomic.AtomicInteger jobs)
            implements dev.threshold.runtime.store.Store {
        @Override
        public <T> java.util.concurrent.CompletableFuture<T> submit(dev.threshold.runtime.store.Transaction<T> work) {
            return store.submit(h -> {
                if (jobs.incrementAndGet() > 1) {
                    return work.run(h);
                }
                release.await();
                work.run(h);
                throw new java.sql.SQLException("disk full");
            });
        }

        @Override
        public dev.threshold.runtime.store.Dialect dialect() {
            return store.dialect();
        }

        @Override
        public dev.threshold.runtime.store.Partitions partitions() {
            return store.partitions();
        }

        @Override
        public <T> T write(dev.threshold.runtime.store.Transaction<T> work) {
            return store.write(work);
        }

        @Override
        public <T> T read(dev.threshold.runtime.store.Transaction<T> work) {
            return store.read(work);
        }

        @Override
        public long sizeOnDisk() {
            return store.sizeOnDisk();
        }

        @Override
        public String describe() {
            return store.describe();
        }

        @Override
        public void close() {}
    }

    private long count(String sql) {
        return ts.store().read(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
