package dev.threshold.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateJsonTest {

    @Test
    void an_instance_state_read_back_from_json_equals_the_one_written() {
        Instant t = Instant.parse("2027-03-01T16:30:00Z");
        Event trigger = new Event(
                "evt-1",
                "feedback.submitted",
                t,
                Optional.of("R-1"),
                Optional.of("cedar-ridge"),
                Map.of("work_order", "WO-1"),
                Map.of("score", 4L, "ratio", 0.5, "tags", List.of("a", "b")),
                Optional.empty());
        Timer timer = new Timer(
                "i#step:wait:1",
                "R-1",
                Optional.of("i"),
                "j",
                Timer.Kind.STEP,
                t.plusSeconds(60),
                Map.of("event", Map.of("id", "x")));
        InstanceState state = new InstanceState(
                "i",
                "j",
                2,
                "R-1",
                "R-1",
                Optional.of("cedar-ridge"),
                Status.ACTIVE,
                "wait",
                "heard",
                t,
                t,
                t,
                trigger,
                Map.of("score", 4L),
                Map.of("matches", Map.of("count", 2L)),
                List.of(timer),
                Map.of("wait", 1),
                List.of(new OpenTask("k", "s", "community-manager", t, false)),
                Map.of("split", "a"),
                Set.of("review.posted"),
                true,
                List.of(),
                3);

        InstanceState back = StateJson.read(StateJson.write(state), InstanceState.class);

        assertThat(back).isEqualTo(state);
    }

    @Test
    void contact_journeys_round_trip_with_their_entry_records() {
        ContactJourneys cj = new ContactJourneys(
                "R-1",
                List.of(),
                List.of(new ContactJourneys.EntryRecord("j", "R-1", 2, Instant.parse("2027-01-01T00:00:00Z"))));

        assertThat(StateJson.read(StateJson.write(cj), ContactJourneys.class)).isEqualTo(cj);
    }
}
