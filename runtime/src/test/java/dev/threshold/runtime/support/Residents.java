package dev.threshold.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Fixtures that read like the domain: a resident of Cedar Ridge, their consent, the ratings they send. */
public final class Residents {
    public static final ZoneId DENVER = ZoneId.of("America/Denver");

    private Residents() {}

    /** Cedar Ridge in Denver, with the details HELP answers and marketing emails end with. */
    public static CommunityView cedarRidge() {
        return new CommunityView(
                "cedar-ridge",
                "Cedar Ridge",
                Optional.empty(),
                Optional.empty(),
                DENVER,
                Optional.of("CO"),
                "100 Cedar Ridge Dr, Denver, CO 80202",
                "+1 303 555 0100",
                "hello@cedar-ridge.example",
                Map.of(),
                Map.of(),
                dev.threshold.engine.time.BusinessCalendar.standard(DENVER),
                Optional.empty(),
                Map.of());
    }

    /** A resident builder; by default reachable by email with transactional and marketing consent. */
    public static Builder aResident(String id) {
        return new Builder(id);
    }

    /** A builder of residents. */
    public static final class Builder {
        private final String id;
        private final Map<Channel, String> addresses = new EnumMap<>(Channel.class);
        private final Map<Channel, Set<Purpose>> consent = new HashMap<>();

        Builder(String id) {
            this.id = id;
            addresses.put(Channel.EMAIL, id.toLowerCase() + "@example.com");
            consent.put(Channel.EMAIL, Set.of(Purpose.TRANSACTIONAL, Purpose.MARKETING));
        }

        public Builder withoutEmail() {
            addresses.remove(Channel.EMAIL);
            consent.remove(Channel.EMAIL);
            return this;
        }

        public Builder textingForTransactional(String phone) {
            addresses.put(Channel.SMS, phone);
            consent.put(Channel.SMS, Set.of(Purpose.TRANSACTIONAL));
            return this;
        }

        /** A number they gave with express consent to marketing texts too. */
        public Builder textingForMarketing(String phone) {
            addresses.put(Channel.SMS, phone);
            consent.put(Channel.SMS, Set.of(Purpose.TRANSACTIONAL, Purpose.MARKETING));
            return this;
        }

        /** A number on file they never agreed to be texted at. */
        public Builder withPhoneButNoConsentToText(String phone) {
            addresses.put(Channel.SMS, phone);
            consent.remove(Channel.SMS);
            return this;
        }

        public Builder withPortal(String user) {
            addresses.put(Channel.PORTAL, user);
            return this;
        }

        public Builder withoutMarketingConsent() {
            consent.replaceAll((ch, purposes) -> Set.of(Purpose.TRANSACTIONAL));
            return this;
        }

        public ContactView build() {
            return new ContactView(
                    id,
                    Set.of("resident"),
                    "Dana",
                    id,
                    Optional.of(DENVER),
                    "en",
                    Optional.of("cedar-ridge"),
                    Optional.of("CO"),
                    addresses,
                    consent,
                    Set.of(),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    Optional.empty());
        }
    }

    /** A maintenance rating from a contact, as a source system sends it. */
    public static JsonNode rating(String id, String contact, int score, Instant at) {
        ObjectNode e = StateJson.mapper().createObjectNode();
        e.put("id", id);
        e.put("type", "feedback.submitted");
        e.put("occurred_at", at.toString());
        e.putObject("contact").put("id", contact);
        e.put("community", "cedar-ridge");
        e.putObject("data").put("score", score).put("topic", "maintenance");
        return e;
    }
}
