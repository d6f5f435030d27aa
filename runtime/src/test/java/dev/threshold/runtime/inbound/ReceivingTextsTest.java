package dev.threshold.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.guardrail.ConsentChange;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.contact.Identity;
import dev.threshold.runtime.outbox.channel.Secret;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.Outbox;
import dev.threshold.runtime.support.Residents;
import dev.threshold.runtime.support.Settings;
import dev.threshold.runtime.support.SmsProviderServer;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.support.Texts;
import dev.threshold.runtime.time.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Texts people send us, through the provider's signed webhook: keywords, plain words, replies, forgeries. */
class ReceivingTextsTest {
    private static final String TENANT = "acme";
    private static final String DANA = "+13035550101";
    private static final Instant EVENING =
            ZonedDateTime.parse("2027-03-01T22:30:00-07:00[America/Denver]").toInstant();

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(EVENING);
    private final SmsProviderServer provider = SmsProviderServer.start();
    private TestStore ts;
    private ThresholdRuntime rt;

    @AfterEach
    void stop() {
        provider.close();
        if (ts != null) {
            ts.close();
        }
    }

    private ReceivingTexts texts(Dialect dialect) {
        ts = TestStore.open(dialect, dir);
        rt = ThresholdRuntime.builder(ts.store(), clock)
                .channelSettings(Settings.smsOnly(provider.baseUrl()))
                .build();
        rt.directory().saveCommunity(TENANT, Residents.cedarRidge());
        rt.directory()
                .saveContact(
                        TENANT,
                        Residents.aResident("R-1").textingForMarketing(DANA).build(),
                        List.of(Identity.phone(DANA, true)));
        return rt.messaging().texts().orElseThrow();
    }

    private HttpAnswer receive(ReceivingTexts texts, String id, String from, String body) {
        Texts.Post post = Texts.inbound(id, from, Settings.CEDAR_NUMBER, body, clock.instant());
        return texts.handle(TENANT, post.headers(), post.body());
    }

    private int count(String sql) {
        return ts.store()
                .read(h -> h.createQuery(sql)
                        .bind("t", TENANT)
                        .mapTo(Integer.class)
                        .one());
    }

    private List<String> events(String type) {
        return ts.store()
                .read(h -> h.createQuery("SELECT body FROM event_log WHERE tenant_id = :t AND type = :y ORDER BY seq")
                        .bind("t", TENANT)
                        .bind("y", type)
                        .mapTo(String.class)
                        .list());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void stop_withdraws_texts_at_once_is_confirmed_once_and_then_there_is_silence(Dialect dialect) {
        ReceivingTexts texts = texts(dialect);

        HttpAnswer first = receive(texts, "SM-in-1", DANA, " Stop ");
        rt.runUntilIdle();
        HttpAnswer second = receive(texts, "SM-in-2", DANA, "STOP");
        Outbox.aMessage("reminder-1").sms("Rent is due Friday").transactional().queue(ts.store(), TENANT, EVENING);
        rt.runUntilIdle();

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("\"contact\":\"R-1\"").contains("\"read_as\":\"opt-out\"");
        assertThat(second.status()).isEqualTo(200);
        assertThat(provider.sent())
                .as("one confirmation, at once although it is night, then silence")
                .singleElement()
                .satisfies(t -> {
                    assertThat(t).containsEntry("To", DANA).containsEntry("From", Settings.CEDAR_NUMBER);
                    assertThat(t.get("Body")).contains("unsubscribed from Cedar Ridge texts");
                });
        assertThat(Outbox.deliveries(ts.store(), TENANT, "SM-in-1:answer"))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l).containsEntry("outcome", "sent").containsEntry("purpose", "compliance");
                    assertThat((String) l.get("reason")).contains("the answer carriers require to opt-out");
                });
        assertThat(rt.messaging().consents().history(TENANT, "R-1"))
                .first()
                .satisfies(r -> assertThat(r.change())
                        .isEqualTo(new ConsentChange(
                                Channel.SMS,
                                DANA,
                                ConsentChange.Scope.ALL,
                                false,
                                ConsentChange.Reason.OPT_OUT,
                                "sms keyword STOP",
                                EVENING)));
        assertThat(events("consent.changed")).hasSize(1);
        assertThat(events("sms.replied"))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e).contains("\"keyword\":\"stop\""));
        assertThat(Outbox.status(ts.store(), TENANT, "reminder-1")).isEqualTo("skipped");
        assertThat((String) Outbox.deliveries(ts.store(), TENANT, "reminder-1")
                        .get(0)
                        .get("reason"))
                .contains("sms is suppressed")
                .contains("opt-out (sms keyword STOP)");
    }

    @Test
    void start_restores_texts_and_help_is_answered_with_the_communitys_details() {
        ReceivingTexts texts = texts(Dialect.SQLITE);
        receive(texts, "SM-in-1", DANA, "STOP");
        clock.moveTo(EVENING.plus(Duration.ofMinutes(5)));

        HttpAnswer help = receive(texts, "SM-in-2", DANA, "help");
        HttpAnswer start = receive(texts, "SM-in-3", DANA, "Unstop");
        rt.runUntilIdle();
        Outbox.aMessage("reminder-2")
                .sms("Rent is due Friday")
                .transactional()
                .queue(ts.store(), TENANT, EVENING.plus(Duration.ofHours(12)));
        clock.moveTo(EVENING.plus(Duration.ofHours(12)));
        rt.runUntilIdle();

        assertThat(help.body()).contains("\"read_as\":\"help\"");
        assertThat(start.body()).contains("\"read_as\":\"opt-in\"");
        assertThat(provider.sent())
                .extracting(t -> t.get("Body"))
                .anySatisfy(b ->
                        assertThat(b).startsWith("Cedar Ridge: call +1 303 555 0100, email hello@cedar-ridge.example."))
                .anySatisfy(b -> assertThat(b).contains("subscribed again to Cedar Ridge texts"))
                .anySatisfy(b -> assertThat(b).isEqualTo("Rent is due Friday"));
        assertThat(rt.messaging().consents().history(TENANT, "R-1"))
                .extracting(r -> r.change().reason() + " " + r.change().source())
                .containsExactly("OPT_OUT sms keyword STOP", "OPT_IN sms keyword UNSTOP");
    }

    @Test
    void a_plain_request_to_stop_is_an_opt_out_and_an_unclear_one_goes_to_a_person() {
        ReceivingTexts texts = texts(Dialect.SQLITE);

        HttpAnswer unclear = receive(texts, "SM-in-1", DANA, "the dripping under the sink won't stop");
        HttpAnswer plain = receive(texts, "SM-in-2", DANA, "Please stop texting me");

        assertThat(unclear.body()).contains("\"read_as\":\"unsure\"");
        assertThat(plain.body()).contains("\"read_as\":\"opt-out\"");
        Map<String, Object> task = ts.store()
                .read(h -> h.createQuery("SELECT task_key, role, title, status, due_at FROM tasks WHERE tenant_id = :t")
                        .bind("t", TENANT)
                        .mapToMap()
                        .one());
        assertThat(task)
                .containsEntry("task_key", "SM-in-1:check")
                .containsEntry("role", "community-manager")
                .containsEntry("status", "open")
                .containsEntry("due_at", EVENING.plus(Duration.ofHours(4)).toEpochMilli());
        assertThat((String) task.get("title")).contains("wants to stop texts").contains("dripping");
        assertThat(rt.messaging().consents().history(TENANT, "R-1"))
                .singleElement()
                .satisfies(r -> assertThat(r.change().source()).isEqualTo("sms reply: Please stop texting me"));
    }

    @Test
    void any_other_reply_reaches_the_journeys_as_sms_replied_whether_posted_as_a_form_or_as_json() {
        ReceivingTexts texts = texts(Dialect.SQLITE);
        String json = "{\"id\":\"msg-7\",\"from\":\"" + DANA + "\",\"to\":\"" + Settings.CEDAR_NUMBER
                + "\",\"text\":\"Yes!\"}";
        Texts.Post post = Texts.signedJson(json, Settings.SMS_WEBHOOK_SECRET, clock.instant());

        HttpAnswer form = receive(texts, "SM-in-1", DANA, "Thursday at 4 works");
        HttpAnswer asJson = texts.handle(TENANT, post.headers(), post.body());

        assertThat(form.status()).isEqualTo(200);
        assertThat(asJson.status()).isEqualTo(200);
        assertThat(events("sms.replied"))
                .hasSize(2)
                .anySatisfy(e -> assertThat(e).contains("Thursday at 4 works").contains("\"keyword\":\"other\""))
                .anySatisfy(e -> assertThat(e).contains("\"keyword\":\"yes\""));
        assertThat(rt.messaging().consents().history(TENANT, "R-1")).isEmpty();
        rt.runUntilIdle();
        assertThat(provider.sent()).as("a plain reply gets no automatic answer").isEmpty();
    }

    @Test
    void a_stop_from_a_number_no_one_has_makes_a_contact_and_holds_for_the_number() {
        ReceivingTexts texts = texts(Dialect.SQLITE);

        HttpAnswer answer = receive(texts, "SM-in-1", "+1 512 555 0199", "QUIT");

        assertThat(answer.status()).isEqualTo(200);
        String contact = answer.body().replaceAll(".*\"contact\":\"([^\"]+)\".*", "$1");
        assertThat(contact).isNotEqualTo("R-1");
        assertThat(rt.directory().contact(TENANT, contact).orElseThrow().addresses())
                .containsEntry(Channel.SMS, "+15125550199");
        assertThat(rt.messaging()
                        .consents()
                        .effective(TENANT, contact)
                        .orElseThrow()
                        .suppressed())
                .contains(Channel.SMS);
    }

    @Test
    void behind_a_route_that_checked_the_signature_a_verified_post_is_taken_once() {
        ReceivingTexts texts = texts(Dialect.SQLITE);
        String body = "From=%2B13035550101&Body=Thanks%21";

        HttpAnswer first = texts.accept(TENANT, Optional.empty(), body, "t=1,v1=abc");
        HttpAnswer replay = texts.accept(TENANT, Optional.empty(), body, "t=1,v1=abc");
        HttpAnswer signedAsAnotherSource = texts.handle(
                TENANT,
                Map.of(
                        InboundSignature.HEADER,
                        InboundSignature.sign(Settings.SMS_WEBHOOK_SECRET, clock.instant(), "pms", body)),
                body);

        assertThat(first.body()).contains("\"status\":\"received\"");
        assertThat(replay.body()).contains("duplicate");
        assertThat(signedAsAnotherSource.status()).isEqualTo(401);
        assertThat(events("sms.replied")).hasSize(1);
        assertThat(dev.threshold.runtime.outbox.channel.WebhookSignature.verify(
                        Settings.SMS_WEBHOOK_SECRET.bytes(),
                        InboundSignature.sign(Settings.SMS_WEBHOOK_SECRET, clock.instant(), InboundSignature.SMS, body),
                        InboundSignature.SMS,
                        body,
                        clock.instant(),
                        Duration.ofSeconds(1)))
                .as("the scheme of every signed webhook, so the API's routes verify it too")
                .isTrue();
    }

    @Test
    void a_number_whose_identity_outlived_its_contact_row_still_finds_that_contact() {
        ReceivingTexts texts = texts(Dialect.SQLITE);
        ts.store()
                .write(h -> h.execute("INSERT INTO contact_identities (tenant_id, kind, value, contact_id, verified)"
                        + " VALUES ('acme', 'phone', '+15125550177', 'P-77', 0)"));

        HttpAnswer answer = receive(texts, "SM-in-1", "+15125550177", "Is the 2-bed still free?");

        assertThat(answer.body()).contains("\"contact\":\"P-77\"");
        assertThat(rt.directory().contact(TENANT, "P-77")).isPresent();
    }

    @Test
    void a_providers_retry_or_a_replayed_request_is_acknowledged_and_applied_once() {
        ReceivingTexts texts = texts(Dialect.SQLITE);
        Texts.Post post = Texts.inbound("SM-in-1", DANA, Settings.CEDAR_NUMBER, "STOP", clock.instant());
        Texts.Post noId =
                Texts.signedForm(Map.of("From", DANA, "Body", "Thanks!"), Settings.SMS_WEBHOOK_SECRET, clock.instant());

        texts.handle(TENANT, post.headers(), post.body());
        HttpAnswer retry = texts.handle(TENANT, post.headers(), post.body());
        texts.handle(TENANT, noId.headers(), noId.body());
        HttpAnswer replay = texts.handle(TENANT, noId.headers(), noId.body());

        assertThat(retry.body()).contains("duplicate");
        assertThat(replay.body()).contains("duplicate");
        assertThat(count("SELECT COUNT(*) FROM consent_changes WHERE tenant_id = :t"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE tenant_id = :t")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM event_log WHERE tenant_id = :t AND type = 'sms.replied'"))
                .isEqualTo(2);
    }

    @Test
    void a_forged_stale_or_malformed_request_is_refused_with_the_reason_and_nothing_is_stored() {
        ReceivingTexts texts = texts(Dialect.SQLITE);
        Texts.Post forged = Texts.signedForm(
                Map.of("MessageSid", "x1", "From", DANA, "Body", "STOP"),
                new Secret("not-the-providers-secret-at-all!"),
                clock.instant());
        Texts.Post stale = Texts.inbound(
                "x2", DANA, Settings.CEDAR_NUMBER, "STOP", clock.instant().minusSeconds(600));
        Texts.Post badNumber = Texts.inbound("x3", "call me", Settings.CEDAR_NUMBER, "STOP", clock.instant());
        Texts.Post notJson = Texts.signedJson("{\"from\": ", Settings.SMS_WEBHOOK_SECRET, clock.instant());
        String plain = "From=" + DANA + "&Body=STOP";
        Map<String, String> wrongType = Map.of(
                "Content-Type",
                "text/plain",
                InboundSignature.HEADER,
                InboundSignature.sign(Settings.SMS_WEBHOOK_SECRET, clock.instant(), InboundSignature.SMS, plain));

        assertThat(texts.handle(TENANT, forged.headers(), forged.body()))
                .satisfies(a -> assertThat(a.status()).isEqualTo(401))
                .satisfies(a -> assertThat(a.body()).contains("signature does not match"));
        assertThat(texts.handle(TENANT, stale.headers(), stale.body()))
                .satisfies(a -> assertThat(a.status()).isEqualTo(401))
                .satisfies(a -> assertThat(a.body()).contains("outside the 300 s window"));
        assertThat(texts.handle(TENANT, Map.of(), stale.body()).body()).contains("header is missing");
        assertThat(texts.handle(TENANT, badNumber.headers(), badNumber.body()))
                .satisfies(a -> assertThat(a.status()).isEqualTo(400))
                .satisfies(a -> assertThat(a.body()).contains("from: 'call me' is not an E.164 number"));
        assertThat(texts.handle(TENANT, notJson.headers(), notJson.body()))
                .satisfies(a -> assertThat(a.status()).isEqualTo(400))
                .satisfies(a -> assertThat(a.body()).contains("not JSON"));
        assertThat(texts.handle(TENANT, wrongType, plain).status()).isEqualTo(415);
        assertThat(texts.handle(" ", forged.headers(), forged.body()).status()).isEqualTo(400);
        for (String table : List.of("inbound_receipts", "consent_changes", "outbox", "event_log", "tasks")) {
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t"))
                    .as(table)
                    .isZero();
        }
    }
}
