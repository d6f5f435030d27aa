package dev.threshold.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.threshold.domain.scenario.ScenarioRecords;
import dev.threshold.engine.core.ContactJourneys;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Overrides;
import dev.threshold.engine.load.LoadException;
import dev.threshold.engine.sim.Scenario;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.contact.Identity;
import dev.threshold.runtime.inbound.HttpAnswer;
import dev.threshold.runtime.ingest.IngestResult;
import dev.threshold.runtime.processing.StateRows;
import dev.threshold.runtime.time.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Runs a simulator scenario on the durable runtime, moving a settable clock from one due moment to the next as
 * the simulator's agenda does: the scenario's events are ingested through the real envelope path when their time
 * comes (a text, {@code sms.received}, through the signed SMS webhook as a provider posts it), then timers, inputs
 * and the outbox are worked until idle, then the clock moves on.
 */
public final class DurableScenario {
    private DurableScenario() {}

    /**
     * Sets the tenant up with the scenario's world — its property records in the store, then its communities and
     * contacts exactly as the scenario describes them; the journeys must already be published.
     */
    public static void prepare(ThresholdRuntime rt, String tenant, Scenario scenario, List<Journey> library) {
        rt.properties().apply(tenant, new ScenarioRecords().changes(scenario));
        scenario.communities().forEach(c -> rt.directory().saveCommunity(tenant, c));
        for (ContactView c : scenario.contacts()) {
            List<Identity> identities = new ArrayList<>();
            Optional.ofNullable(c.addresses().get(Channel.SMS)).ifPresent(p -> identities.add(Identity.phone(p, true)));
            Optional.ofNullable(c.addresses().get(Channel.EMAIL))
                    .ifPresent(e -> identities.add(Identity.email(e, true)));
            rt.directory().saveContact(tenant, c, identities);
        }
        scenario.parties()
                .forEach((type, things) -> things.forEach((thing, roles) -> roles.forEach(
                        (contact, role) -> rt.directory().saveParty(tenant, type, thing, contact, role))));
        scenario.journeys().ifPresent(on -> {
            for (Journey j : library) {
                rt.journeys().enable(tenant, j.id(), Optional.empty(), on.contains(j.id()));
            }
        });
        try {
            String overrides = overridesDocument(scenario);
            if (!overrides.isEmpty()) {
                rt.journeys().setOverrides(tenant, overrides);
            }
            for (Map.Entry<String, Map<String, Object>> e : scenario.settings().entrySet()) {
                rt.journeys().overrideSettings(tenant, e.getKey(), Optional.empty(), e.getValue());
            }
        } catch (LoadException e) {
            throw new IllegalStateException(scenario.file() + ": its overrides do not load: " + e.getMessage(), e);
        }
    }

    /** The story's {@code overrides:} block, as the document a tenant would store; empty when it has none. */
    private static String overridesDocument(Scenario scenario) {
        if (scenario.overrides().equals(Overrides.none())) {
            return ""; // generated stories (property tests) have no file and no overrides
        }
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode block =
                    yaml.readTree(Files.readString(Path.of(scenario.file()))).path("overrides");
            return block.isObject() ? yaml.writeValueAsString(block) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + scenario.file(), e);
        }
    }

    /**
     * Plays the scenario's events on the runtime until {@code run_until}. The runtime moves the property records
     * as the story goes (a lease signed for a unit takes it off the market), as the simulator does.
     */
    public static void play(ThresholdRuntime rt, String tenant, Scenario scenario, SettableClock clock) {
        List<Scenario.TimedEvent> events = new ArrayList<>();
        for (Scenario.Timed t : scenario.inputs()) {
            if (t instanceof Scenario.TimedEvent e) {
                events.add(e);
            } else {
                throw new IllegalArgumentException("the durable harness plays events only; " + t + " is a command");
            }
        }
        int next = 0;
        clock.moveTo(scenario.start());
        while (true) {
            Instant at = earliest(
                    next < events.size() ? Optional.of(events.get(next).at()) : Optional.empty(),
                    rt.timers().nextDue(),
                    rt.dispatcher().nextAttempt());
            if (at == null || at.isAfter(scenario.runUntil())) {
                return;
            }
            clock.moveTo(at);
            List<JsonNode> batch = new ArrayList<>();
            while (next < events.size() && !events.get(next).at().isAfter(clock.instant())) {
                Event e = events.get(next++).event();
                if (e.type().equals("sms.received")) {
                    text(rt, tenant, scenario, e, clock);
                } else {
                    batch.add(envelope(e));
                }
            }
            if (!batch.isEmpty()) {
                for (IngestResult r : rt.ingest().ingest(tenant, batch)) {
                    if (!(r instanceof IngestResult.Accepted)) {
                        throw new IllegalStateException("the scenario's event was not accepted: " + r);
                    }
                }
            }
            rt.runUntilIdle();
        }
    }

    /** A text from a scenario's contact, posted as the SMS provider posts it: signed, through the webhook. */
    private static void text(ThresholdRuntime rt, String tenant, Scenario scenario, Event e, SettableClock clock) {
        String contact = e.contact().orElseThrow(() -> new IllegalStateException(e.id() + " names no contact"));
        String phone = scenario.contacts().stream()
                .filter(c -> c.id().equals(contact))
                .map(c -> c.addresses().get(Channel.SMS))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(contact + " has no phone to text from"));
        Texts.Post post =
                Texts.inbound(e.id(), phone, "", String.valueOf(e.data().get("body")), clock.instant());
        HttpAnswer answer = rt.messaging()
                .texts()
                .orElseThrow(() -> new IllegalStateException("the runtime has no SMS settings to take texts"))
                .handle(tenant, post.headers(), post.body());
        if (answer.status() != 200) {
            throw new IllegalStateException("the scenario's text was not accepted: " + answer);
        }
    }

    private static Instant earliest(Optional<Instant> a, Optional<Instant> b, Optional<Instant> c) {
        Instant best = null;
        for (Optional<Instant> o : List.of(a, b, c)) {
            if (o.isPresent() && (best == null || o.get().isBefore(best))) {
                best = o.get();
            }
        }
        return best;
    }

    /** An engine event as the envelope a source system would send. */
    public static JsonNode envelope(Event e) {
        ObjectNode n = StateJson.mapper().createObjectNode();
        n.put("id", e.id());
        n.put("type", e.type());
        n.put("occurred_at", e.occurredAt().toString());
        e.contact().ifPresent(c -> n.putObject("contact").put("id", c));
        e.community().ifPresent(c -> n.put("community", c));
        ObjectNode subject = n.putObject("subject");
        e.subject().forEach(subject::put);
        n.set("data", StateJson.mapper().valueToTree(e.data()));
        return n;
    }

    /** The running instances and entry records of every contact of the scenario, as the store holds them. */
    public static Map<String, ContactJourneys> journeys(ThresholdRuntime rt, String tenant, Scenario scenario) {
        Map<String, ContactJourneys> out = new HashMap<>();
        for (String contact :
                new TreeSet<>(scenario.contacts().stream().map(ContactView::id).toList())) {
            out.put(contact, rt.store().read(h -> StateRows.load(h.getConnection(), tenant, contact)));
        }
        return out;
    }
}
