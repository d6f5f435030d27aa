package dev.threshold.engine.journey;

import dev.threshold.engine.expr.Condition;
import dev.threshold.engine.expr.TextTemplate;
import dev.threshold.engine.time.Span;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a journey: its id, the map stage it belongs to, where to go after it (the next step in the
 * file unless {@code next} says otherwise), and what it does.
 */
public record Step(String id, String stage, Optional<String> next, Kind kind) {

    /** What a step does. Adding a kind fails to compile wherever kinds are handled. */
    public sealed interface Kind
            permits Send,
                    Wait,
                    WaitUntil,
                    WaitFor,
                    Branch,
                    Split,
                    Task,
                    Update,
                    Action,
                    Webhook,
                    Handoff,
                    Emit,
                    Goal,
                    Exit {}

    /** Who a message is for. */
    public sealed interface Recipient {
        /** The person the instance is about. */
        record Contact() implements Recipient {}

        /** Every party of the instance's subject (all residents of a lease, co-applicants), or one role. */
        record Parties(Optional<String> role) implements Recipient {}

        /** The staff of the community holding a role (leasing-agent, community-manager…). */
        record Staff(Param<String> role) implements Recipient {}
    }

    /** One channel's version of a message; {@code subject} for email and portal only. */
    public record Content(Optional<TextTemplate> subject, TextTemplate body) {}

    /**
     * Send a message on the first channel of {@code channels} that the recipient has and consents to
     * (the fallback order), with content for each channel.
     */
    public record Send(
            Recipient to, List<Channel> channels, Purpose purpose, int priority, Map<Channel, Content> content)
            implements Kind {
        public Send {
            channels = List.copyOf(channels);
            content = Map.copyOf(content);
        }
    }

    /** Wait a span of time, optionally landing at a local time of day ("1d at 10:00"). */
    public record Wait(Param<Span> span, Optional<LocalTime> at) implements Kind {}

    /**
     * Wait until a date from the instance's data plus an offset (lease end − 60 d, tour start − 24 h), at a
     * local time of day. When the moment has passed, the step goes on at once, unless the date itself has
     * passed and {@code ifPast} names a step, or the moment alone has passed and {@code ifLate} does (a
     * reminder that would come too late). Tracked events that move the moment re-plan the wait; with
     * {@code onChange} they go to that step instead (to tell the person the date moved), which may come back.
     */
    public record WaitUntil(
            Condition date,
            Param<Span> offset,
            Optional<LocalTime> at,
            Optional<String> ifPast,
            Optional<String> ifLate,
            Optional<String> onChange)
            implements Kind {}

    /** Wait for one of several events; a timeout goes to its own step and records a barrier. */
    public record WaitFor(
            List<Awaited> events, Optional<Param<Span>> timeout, Optional<String> onTimeout, Optional<String> barrier)
            implements Kind {
        public WaitFor {
            events = List.copyOf(events);
        }
    }

    /** An event a {@link WaitFor} waits for, and where it leads (the next step when absent). */
    public record Awaited(String event, Optional<Condition> when, Optional<String> then) {}

    /** The first arm whose condition holds (an arm without one always holds). */
    public record Branch(List<Arm> arms) implements Kind {
        public Branch {
            arms = List.copyOf(arms);
        }
    }

    /** One arm of a branch. */
    public record Arm(Optional<Condition> when, String then) {}

    /**
     * An A/B/n test: the contact falls into a variant by a stable hash of contact, journey and step; a
     * holdout share leaves the journey at once but is still watched for the goal, to measure lift.
     */
    public record Split(List<Variant> variants, int holdoutPercent) implements Kind {
        public Split {
            variants = List.copyOf(variants);
        }
    }

    /** One variant of a split, with its relative weight. */
    public record Variant(String id, int weight, String then) {}

    /**
     * A task for a staff role, due after a span, escalated to another role if still open later, and taken
     * back when one of {@code closedBy} arrives (its work was recorded as done elsewhere).
     */
    public record Task(
            Param<String> role,
            TextTemplate title,
            Optional<TextTemplate> description,
            Param<Span> due,
            Optional<Escalation> escalate,
            List<Awaited> closedBy)
            implements Kind {
        public Task {
            closedBy = List.copyOf(closedBy);
        }
    }

    /** Who takes over an overdue task, and when. */
    public record Escalation(Param<Span> after, Param<String> role) {}

    /** Set attributes of the contact. */
    public record Update(Map<String, Condition> set) implements Kind {
        public Update {
            set = Map.copyOf(set);
        }
    }

    /** Call a registered domain action; its result is kept as {@code results.<as>}. */
    public record Action(String name, Map<String, Condition> with, String as, Optional<String> onError)
            implements Kind {
        public Action {
            with = Map.copyOf(with);
        }
    }

    /** Post a signed JSON payload to a configured endpoint (retried by the dispatcher). */
    public record Webhook(String endpoint, Map<String, Condition> payload) implements Kind {
        public Webhook {
            payload = Map.copyOf(payload);
        }
    }

    /** Start another journey for this person (an edge of the web of journeys). */
    public record Handoff(String journey, Map<String, Condition> data) implements Kind {
        public Handoff {
            data = Map.copyOf(data);
        }
    }

    /** Emit a domain event for this person (a qualified guest card), which other journeys may hear. */
    public record Emit(String event, Map<String, Condition> data) implements Kind {
        public Emit {
            data = Map.copyOf(data);
        }
    }

    /** The goal is reached here (a positive check-in), worth a value if given. */
    public record Goal(Optional<Condition> value) implements Kind {}

    /** Leave the journey, with a reason and the map barrier it stands for. */
    public record Exit(String reason, Optional<String> barrier) implements Kind {}

    /** The kind's name as journeys write it. */
    public String kindName() {
        return switch (kind) {
            case Send s -> "send";
            case Wait w -> "wait";
            case WaitUntil w -> "wait-until";
            case WaitFor w -> "wait-for";
            case Branch b -> "branch";
            case Split s -> "split";
            case Task t -> "task";
            case Update u -> "update";
            case Action a -> "action";
            case Webhook w -> "webhook";
            case Handoff h -> "handoff";
            case Emit e -> "emit";
            case Goal g -> "goal";
            case Exit e -> "exit";
        };
    }

    /** Whether time passes at this step (the instance waits here). */
    public boolean waits() {
        return kind instanceof Wait || kind instanceof WaitUntil || kind instanceof WaitFor;
    }

    /** Span helper for tests and tools: a fixed parameter. */
    public static Param<Span> fixed(Span span) {
        return new Param.Fixed<>(span);
    }
}
