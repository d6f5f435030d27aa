package dev.threshold.engine.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.event.Event;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboundSmsTest {
    static final ContactView DANA = ContactView.minimal("R-1", "resident");
    static final Optional<CommunityView> CEDAR = Optional.of(new CommunityView(
            "cedar-ridge",
            "Cedar Ridge",
            Optional.empty(),
            Optional.empty(),
            ZoneId.of("America/Denver"),
            Optional.of("CO"),
            "100 Cedar Ridge Dr, Denver",
            "+1 303 555 0100",
            "hi@cedar.example",
            Map.of(),
            Map.of(),
            dev.threshold.engine.time.BusinessCalendar.standard(ZoneId.of("America/Denver")),
            Optional.empty(),
            Map.of()));

    static Event text(String body) {
        return Event.of("in-1", "sms.received", Instant.parse("2027-03-01T05:00:00Z"), "R-1", Map.of("body", body));
    }

    @Test
    void stop_withdraws_texts_confirms_once_and_tells_the_journeys() {
        InboundSms.Handling h = InboundSms.handle(text("STOP"), DANA, CEDAR);

        assertThat(h.smsAllowed()).contains(false);
        assertThat(h.reply())
                .hasValueSatisfying(r -> assertThat(r)
                        .contains("unsubscribed from Cedar Ridge texts")
                        .contains("Reply START"));
        assertThat(h.events()).extracting(Event::type).containsExactly("consent.changed", "sms.replied");
        assertThat(h.events().get(0).data())
                .containsEntry("granted", false)
                .containsEntry("source", "sms keyword STOP");
    }

    @Test
    void a_plain_request_to_stop_is_honoured_like_the_keyword() {
        InboundSms.Handling h = InboundSms.handle(text("please stop texting me"), DANA, CEDAR);

        assertThat(h.smsAllowed()).contains(false);
        assertThat(h.events().get(0).data()).containsEntry("source", "sms reply: please stop texting me");
    }

    @Test
    void a_text_that_only_might_be_an_opt_out_goes_to_a_person_and_changes_nothing() {
        InboundSms.Handling h = InboundSms.handle(text("the dripping won't stop"), DANA, CEDAR);

        assertThat(h.smsAllowed()).isEmpty();
        assertThat(h.reply()).isEmpty();
        assertThat(h.staffTask()).hasValueSatisfying(t -> assertThat(t).contains("wants to stop texts"));
        assertThat(h.events()).extracting(Event::type).containsExactly("sms.replied");
    }

    @Test
    void help_answers_with_the_communitys_details_and_start_restores_texts() {
        assertThat(InboundSms.handle(text("help"), DANA, CEDAR).reply())
                .contains("Cedar Ridge: call +1 303 555 0100, email hi@cedar.example. 100 Cedar Ridge Dr, Denver."
                        + " Reply STOP to opt out.");
        assertThat(InboundSms.handle(text("START"), optedOut(DANA), CEDAR).smsAllowed())
                .contains(true);
    }

    @Test
    void a_second_stop_is_met_with_silence() {
        InboundSms.Handling h = InboundSms.handle(text("stop"), optedOut(DANA), CEDAR);

        assertThat(h.reply()).isEmpty();
        assertThat(h.events()).extracting(Event::type).containsExactly("sms.replied");
    }

    @Test
    void yes_from_someone_who_never_opted_out_is_an_answer_a_journey_can_wait_for() {
        InboundSms.Handling h = InboundSms.handle(text("Yes!"), DANA, CEDAR);

        assertThat(h.smsAllowed()).isEmpty();
        assertThat(h.reply()).isEmpty();
        assertThat(h.events())
                .singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("keyword", "yes"));
    }

    @Test
    void yes_from_someone_who_opted_out_restores_texts_and_confirms() {
        InboundSms.Handling h = InboundSms.handle(text("YES"), optedOut(DANA), CEDAR);

        assertThat(h.smsAllowed()).contains(true);
        assertThat(h.reply()).hasValueSatisfying(r -> assertThat(r).contains("subscribed again"));
        assertThat(h.events()).extracting(Event::type).containsExactly("consent.changed", "sms.replied");
    }

    static ContactView optedOut(ContactView c) {
        return ConsentChange.apply(
                withPhone(c),
                java.util.List.of(new ConsentChange(
                        dev.threshold.engine.journey.Channel.SMS,
                        "+13035550101",
                        ConsentChange.Scope.ALL,
                        false,
                        ConsentChange.Reason.OPT_OUT,
                        "sms keyword STOP",
                        Instant.parse("2027-02-01T00:00:00Z"))));
    }

    static ContactView withPhone(ContactView c) {
        return new ContactView(
                c.id(),
                c.roles(),
                c.firstName(),
                c.lastName(),
                c.timezone(),
                c.language(),
                c.community(),
                c.state(),
                Map.of(dev.threshold.engine.journey.Channel.SMS, "+1 303 555 0101"),
                c.consent(),
                c.suppressed(),
                c.preferences(),
                c.attributes(),
                c.agent(),
                c.lastActivityAt());
    }

    @Test
    void any_other_reply_reaches_the_journeys_as_sms_replied() {
        InboundSms.Handling h = InboundSms.handle(text("Thursday at 4 works"), DANA, CEDAR);

        assertThat(h.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("sms.replied");
            assertThat(e.data()).containsEntry("body", "Thursday at 4 works").containsEntry("keyword", "other");
        });
    }
}
