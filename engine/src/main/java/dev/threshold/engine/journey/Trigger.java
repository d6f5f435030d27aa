package dev.threshold.engine.journey;

import dev.threshold.engine.expr.Condition;
import dev.threshold.engine.time.Span;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What starts a journey for a person. */
public sealed interface Trigger {

    /** The event types this trigger listens to. */
    Set<String> events();

    /** An event happens and a condition holds: {@code feedback.submitted} with {@code event.score <= 6}. */
    record OnEvent(String event, Optional<Condition> when) implements Trigger {
        @Override
        public Set<String> events() {
            return Set.of(event);
        }
    }

    /**
     * A date carried by an event, moved by an offset: lease end − 90 days. The entry is planned when one of
     * the events arrives and re-planned when a later one moves the date.
     */
    record OnDate(
            List<String> sources, Condition date, Param<Span> offset, Optional<LocalTime> at, Optional<Condition> when)
            implements Trigger {
        public OnDate {
            sources = List.copyOf(sources);
        }

        @Override
        public Set<String> events() {
            return Set.copyOf(sources);
        }
    }

    /**
     * An event that stops happening: no {@code portal.login} for 21 days, after regular use (at least
     * {@code regularCount} of them within {@code regularWithin} before the silence).
     */
    record OnAbsence(String event, Param<Span> period, int regularCount, Optional<Span> regularWithin)
            implements Trigger {
        @Override
        public Set<String> events() {
            return Set.of(event);
        }
    }

    /** A rule over recent history, checked when one of its events arrives: 3 work orders in 60 days. */
    record OnHistory(List<HistoryRule> rules, Optional<Condition> when) implements Trigger {
        public OnHistory {
            rules = List.copyOf(rules);
        }

        @Override
        public Set<String> events() {
            return rules.stream().map(HistoryRule::event).collect(java.util.stream.Collectors.toSet());
        }
    }

    /** At least {@code atLeast} events of a type (matching a condition) within a window. */
    record HistoryRule(String event, Optional<Condition> when, int atLeast, Span within) {}

    /**
     * One event about a thing enters every matching person: a unit becomes available, and every aged
     * prospect whose preferences fit it enters. The runtime finds them by an indexed query.
     */
    record OnFanout(String event, AudienceQuery audience, Optional<Condition> when) implements Trigger {
        @Override
        public Set<String> events() {
            return Set.of(event);
        }
    }
}
