package dev.threshold.engine.core;

import dev.threshold.engine.event.Event;
import dev.threshold.engine.expr.Values;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a decision asks the shell to do. Effects are values; the shell performs them. */
public sealed interface Effect {

    /**
     * Send a message. The dispatcher picks the first of {@code channels} the recipient has and consents
     * to, applies quiet hours and caps, and sends with {@code key} so that a retry is never a second
     * message.
     *
     * @param key deterministic: instance, step, visit (and party)
     * @param recipient the contact it goes to; empty when it goes to staff
     * @param staffRole the staff role it goes to, when it goes to staff
     */
    record SendMessage(
            String key,
            String instance,
            String journey,
            String step,
            Optional<String> recipient,
            Optional<String> staffRole,
            Optional<String> community,
            List<Channel> channels,
            Purpose purpose,
            int priority,
            Map<Channel, Rendered> content)
            implements Effect {
        public SendMessage {
            channels = List.copyOf(channels);
            content = Map.copyOf(content);
        }
    }

    /** A message's text on one channel. */
    record Rendered(Optional<String> subject, String body) {}

    /** Create a task for a staff role, due at a time, escalated if still open at another. */
    record CreateTask(
            String key,
            String instance,
            String journey,
            String step,
            String contact,
            Optional<String> community,
            String role,
            String title,
            String description,
            Instant due,
            Optional<Instant> escalateAt,
            Optional<String> escalateTo)
            implements Effect {}

    /** Close a task the instance no longer needs (it ended, the goal was reached). */
    record CloseTask(String key, String reason) implements Effect {}

    /** Schedule a timer; a timer with the same id is replaced. */
    record ScheduleTimer(Timer timer) implements Effect {}

    /** Cancel a timer. */
    record CancelTimer(String id) implements Effect {}

    /** Set attributes of a contact. */
    record UpdateContact(String contact, Map<String, Object> set) implements Effect {
        public UpdateContact {
            set = Values.frozen(set);
        }
    }

    /** An event for the shell to feed back in: a hand-off, a domain event a journey emitted. */
    record EmitEvent(Event event) implements Effect {}

    /** An analytics fact. */
    record RecordFact(Fact fact) implements Effect {}
}
