package dev.threshold.engine.guardrail;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What to do with a text a person sends us, before any journey hears it: withdraw or restore consent, send
 * the one confirmation carriers require, answer HELP with the community's details, or ask a person to look
 * at a message that might be an opt-out. Pure: the shell applies the outcome (the simulator in memory, the
 * runtime in its store), so both behave the same.
 */
public final class InboundSms {

    /**
     * The outcome of one inbound text.
     *
     * @param smsAllowed when present, the person's texts are allowed again (true) or suppressed (false)
     * @param reply the text to send back at once, outside journeys and caps (a carrier-required answer)
     * @param staffTask a title for a staff task, when a person should decide what the text meant
     * @param events what journeys should hear: always {@code sms.replied}, and {@code consent.changed} with it
     */
    public record Handling(
            InboundText.Intent intent,
            Optional<Boolean> smsAllowed,
            Optional<String> reply,
            Optional<String> staffTask,
            List<Event> events) {
        public Handling {
            events = List.copyOf(events);
        }
    }

    private InboundSms() {}

    /**
     * Reads one text. An opt-out is confirmed once: a STOP from a number already opted out changes nothing more
     * and gets no answer (silence). START, UNSTOP and YES restore texts only for a number that had opted out;
     * from anyone else they are plain replies a journey may be waiting for ({@code keyword: yes}).
     */
    public static Handling handle(Event received, ContactView contact, Optional<CommunityView> community) {
        String body = String.valueOf(received.data().getOrDefault("body", ""));
        InboundText.Intent intent = InboundText.classify(body);
        boolean optedOut = contact.suppressed().contains(Channel.SMS);
        if (intent == InboundText.Intent.OPT_IN && !optedOut) {
            intent = InboundText.Intent.REPLY;
        }
        String name = community.map(CommunityView::name).orElse("our");
        List<Event> events = new ArrayList<>();
        Optional<Boolean> allowed = Optional.empty();
        Optional<String> reply = Optional.empty();
        Optional<String> task = Optional.empty();
        String keyword = keyword(body);
        switch (intent) {
            case OPT_OUT -> {
                allowed = Optional.of(false);
                keyword = "stop";
                if (!optedOut) {
                    reply = Optional.of("You're unsubscribed from " + name + " texts and will get no more."
                            + " Reply START to resubscribe.");
                    events.add(consent(received, false, body));
                }
            }
            case OPT_IN -> {
                allowed = Optional.of(true);
                reply = Optional.of(
                        "You're subscribed again to " + name + " texts. Reply STOP to opt out," + " HELP for help.");
                events.add(consent(received, true, body));
            }
            case HELP -> {
                keyword = "help";
                reply = Optional.of(help(community));
            }
            case UNSURE ->
                task = Optional.of("Check whether " + (contact.firstName() + " " + contact.lastName()).strip()
                        + " wants to stop texts: \"" + body.strip() + "\"");
            case REPLY -> {
                // the keyword a journey may wait for, already read above
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("body", body);
        data.put("keyword", keyword);
        events.add(new Event(
                received.id() + ":reply",
                "sms.replied",
                received.occurredAt(),
                received.contact(),
                received.community(),
                received.subject(),
                data,
                Optional.empty()));
        return new Handling(intent, allowed, reply, task, events);
    }

    /** The key the answer to a text (a STOP confirmation, a HELP reply) is sent under: one answer per text. */
    public static String answerKey(Event received) {
        return received.id() + ":answer";
    }

    /** The key of the staff task a text that might be an opt-out opens. */
    public static String taskKey(Event received) {
        return received.id() + ":check";
    }

    private static String keyword(String body) {
        String word = body.strip().toLowerCase(Locale.ROOT).replaceAll("\\W+$", "");
        return switch (word) {
            case "yes", "no", "help", "stop" -> word;
            case "start", "unstop" -> "start";
            default -> "other";
        };
    }

    private static Event consent(Event received, boolean granted, String body) {
        String word = body.strip();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channel", "sms");
        data.put("purpose", "all");
        data.put("granted", granted);
        data.put(
                "source",
                word.split("\\s+").length == 1 ? "sms keyword " + word.toUpperCase(Locale.ROOT) : "sms reply: " + word);
        return new Event(
                received.id() + ":consent",
                "consent.changed",
                received.occurredAt(),
                received.contact(),
                received.community(),
                Map.of(),
                data,
                Optional.empty());
    }

    private static String help(Optional<CommunityView> community) {
        if (community.isEmpty()) {
            return "Reply STOP to opt out of texts.";
        }
        CommunityView c = community.get();
        StringBuilder b = new StringBuilder(c.name()).append(':');
        if (!c.phone().isBlank()) {
            b.append(" call ").append(c.phone());
        }
        if (!c.email().isBlank()) {
            b.append(c.phone().isBlank() ? " " : ", ").append("email ").append(c.email());
        }
        if (!c.address().isBlank()) {
            b.append(". ").append(c.address());
        }
        return b.append(". Reply STOP to opt out.").toString();
    }
}
