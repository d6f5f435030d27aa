package dev.threshold.server.api.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.threshold.runtime.outbox.channel.Secret;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.SmsProviderServer;
import dev.threshold.runtime.support.Texts;
import dev.threshold.server.auth.Role;
import dev.threshold.server.support.Http;
import dev.threshold.server.support.TestServer;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channels through a real {@code threshold serve}: configured with a {@code channels} block (secrets from the
 * environment), email to a real SMTP server (GreenMail), texts to a local SMS provider that records requests, and
 * everything that comes back — unsubscribe links, a STOP, delivery statuses, portal notifications — over HTTP.
 */
class ChannelsServeTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    private static final Pattern LINK = Pattern.compile("<https://threshold\\.example(/unsubscribe/[^>]+)>");
    private static final String SMS_SECRET = "sms-webhook-secret-for-serve-01";
    private static final String DANA = "+13035550103";
    private static final String OUR_NUMBER = "+15125550100";

    /** Marketing by email then by text, and a portal notice; entered again on every event.attended. */
    private static final String JOURNEY = """
            id: spring-offer
            name: Spring offer
            category: growth
            promise: Residents who came to an event hear about the spring offer, by email and text.
            description: A marketing email and text after a community event, and a note in the portal.
            audience: resident
            trigger:
              - event: event.attended
            entry: { reentry: always }
            map:
              stages:
                - id: offered
                  name: Offered
                  action: The resident reads the offer
                  motivation: Wants more room
                  emotions: curious
                  questions: ["How long is the offer on?"]
                  barriers: ["not moving"]
            steps:
              - id: offer-email
                stage: offered
                send:
                  channels: [email]
                  purpose: marketing
                  email:
                    subject: "Spring at {{ community.name }}"
                    body: "Hi {{ contact.first_name }}, two months free on a 2-bed this spring."
              - id: offer-text
                send:
                  channels: [sms]
                  purpose: marketing
                  sms: "Hi {{ contact.first_name }}, two months free on a 2-bed this spring."
              - id: portal-note
                send:
                  channels: [portal]
                  purpose: transactional
                  portal:
                    subject: "Thanks for coming"
                    body: "Thanks for coming to the event, {{ contact.first_name }}."
            """;

    @TempDir
    Path dir;

    private SmsProviderServer provider;
    private TestServer server;
    private Http http;
    private String key;

    @BeforeEach
    void start() {
        provider = SmsProviderServer.start();
        String channels = "{ email: { host: 127.0.0.1, port: " + SMTP.getSmtp().getPort()
                + ", tls: none, from_address: hello@acme-living.example,"
                + " postal_address: 'Acme Living, 1 Main St, Denver, CO 80202' },"
                + " sms: { provider: { base_url: '" + provider.baseUrl() + "', account: AC1,"
                + " token: '${TEST_SMS_TOKEN}', from_number: '" + OUR_NUMBER + "' },"
                + " webhook_secret: '${TEST_SMS_WEBHOOK_SECRET}' },"
                + " unsubscribe: { base_url: 'https://threshold.example', secret: '${TEST_UNSUBSCRIBE_SECRET}' } }";
        server = TestServer.start(
                Dialect.SQLITE,
                dir,
                Map.of(
                        "THRESHOLD_CHANNELS",
                        channels,
                        "TEST_SMS_TOKEN",
                        "provider-token-1",
                        "TEST_SMS_WEBHOOK_SECRET",
                        SMS_SECRET,
                        "TEST_UNSUBSCRIBE_SECRET",
                        "unsubscribe-secret-for-serve-1"));
        http = server.http();
        key = server.key("acme", Role.ADMIN);
        ok(http.put("/v1/communities/cedar", key, "{\"name\": \"Cedar Ridge\", \"timezone\": \"America/Denver\"}"));
        ok(http.post("/v1/journeys", key, json(Map.of("yaml", JOURNEY))));
        ok(http.post(
                "/v1/contacts",
                key,
                "{\"id\": \"R-1\", \"first_name\": \"Dana\", \"roles\": [\"resident\"], \"community\": \"cedar\","
                        + " \"timezone\": \"America/Denver\","
                        + " \"addresses\": {\"email\": \"dana@example.com\", \"portal\": \"portal-R-1\", \"sms\": \""
                        + DANA + "\"},"
                        + " \"consent\": {\"email\": [\"transactional\", \"marketing\"],"
                        + " \"sms\": [\"transactional\", \"marketing\"]}}"));
    }

    @AfterEach
    void stop() {
        server.close();
        provider.close();
    }

    @Test
    void the_unsubscribe_link_of_a_marketing_email_works_over_http_and_the_next_offer_is_not_emailed()
            throws Exception {
        attend("e-1");

        MimeMessage mail = only(SMTP.getReceivedMessages());
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("dana@example.com");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        Matcher link = LINK.matcher(mail.getHeader("List-Unsubscribe", null));
        assertThat(link.find()).as(mail.getHeader("List-Unsubscribe", null)).isTrue();
        String path = link.group(1);

        // a mail scanner opening the link changes nothing
        Http.Answer page = http.get(path, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("dana@example.com").contains("<form method=\"post\"");
        assertThat(consent().path("consent").path("email").toString()).contains("marketing");

        // the mail client's one-click (RFC 8058), without an API key
        Http.Answer done = http.send(
                "POST",
                path,
                null,
                "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed");

        JsonNode consent = consent();
        assertThat(consent.path("consent").path("email").toString())
                .doesNotContain("marketing")
                .contains("transactional");
        assertThat(consent.path("history").toString())
                .contains("\"reason\":\"unsubscribe\"")
                .contains("one-click unsubscribe (RFC 8058)");

        attend("e-2");
        assertThat(SMTP.getReceivedMessages())
                .as("the next marketing email is not sent")
                .hasSize(1);
        assertThat(provider.sent())
                .as("texts are not touched by an email unsubscribe")
                .hasSize(2);

        // a damaged link is refused with a page that says what to do instead
        Http.Answer forged = http.send("POST", path.substring(0, path.length() - 2) + "xx", null, null, null, Map.of());
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("Reply to the email");
    }

    @Test
    void a_signed_stop_gets_one_confirmation_then_no_text_goes_and_a_bad_signature_changes_nothing() {
        attend("e-1");
        assertThat(provider.sent()).hasSize(1);
        assertThat(provider.sent().get(0)).containsEntry("To", DANA).containsEntry("From", OUR_NUMBER);

        // a forged STOP: 401, and nothing is recorded
        Texts.Post forged = Texts.signedForm(
                stopForm("SM-forged"),
                new Secret("not-the-secret-at-all-0001"),
                server.clock().instant());
        Http.Answer refused = post("/v1/webhooks/acme/sms/inbound", forged);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(consent().path("history")).isEmpty();
        server.process();
        assertThat(provider.sent()).hasSize(1);

        Http.Answer stop = post("/v1/webhooks/acme/sms/inbound", signed(stopForm("SM-stop-1")));
        assertThat(stop.status()).as(stop.toString()).isEqualTo(200);
        assertThat(stop.json().path("status").asText()).isEqualTo("received");
        assertThat(stop.json().path("contact").asText()).isEqualTo("R-1");
        assertThat(stop.json().path("read_as").asText()).isEqualTo("opt-out");
        server.process();
        assertThat(provider.sent()).as("one confirmation").hasSize(2);
        assertThat(provider.sent().get(1)).containsEntry("To", DANA);
        assertThat(provider.sent().get(1).get("Body")).contains("unsubscribed");
        assertThat(consent().path("suppressed").toString()).contains("sms");

        // the provider retries the same text (a new signature, the same id): acknowledged, nothing more
        server.clock().advance(Duration.ofSeconds(5));
        Http.Answer retry = post("/v1/webhooks/acme/sms/inbound", signed(stopForm("SM-stop-1")));
        assertThat(retry.json().path("status").asText()).isEqualTo("duplicate");
        // a second STOP gets silence, and the journey's next text does not go
        server.clock().advance(Duration.ofMinutes(1));
        assertThat(post("/v1/webhooks/acme/sms/inbound", signed(stopForm("SM-stop-2")))
                        .status())
                .isEqualTo(200);
        attend("e-2");
        assertThat(provider.sent()).as("no further texts").hasSize(2);
        assertThat(SMTP.getReceivedMessages()).as("email still goes").hasSize(2);
    }

    @Test
    void delivery_statuses_are_recorded_as_delivered_and_undelivered_and_a_bad_signature_is_refused() {
        attend("e-1");
        attend("e-2");
        List<SmsProviderServer.Request> texts = provider.requests();
        assertThat(texts).hasSize(2);
        String first = providerId(texts.get(0).idempotencyKey());
        String second = providerId(texts.get(1).idempotencyKey());

        Texts.Post forgedStatus = Texts.signedForm(
                Map.of("MessageSid", first, "MessageStatus", "delivered"),
                new Secret("not-the-secret-at-all-0001"),
                server.clock().instant());
        assertThat(post("/v1/webhooks/acme/sms/status", forgedStatus).status()).isEqualTo(401);
        assertThat(outcomes()).doesNotContain("delivered", "undelivered");

        assertThat(post(
                                "/v1/webhooks/acme/sms/status",
                                signed(Map.of("MessageSid", first, "MessageStatus", "delivered")))
                        .status())
                .isEqualTo(200);
        assertThat(post(
                                "/v1/webhooks/acme/sms/status",
                                signed(Map.of(
                                        "MessageSid", second, "MessageStatus", "undelivered", "ErrorCode", "30003")))
                        .status())
                .isEqualTo(200);

        assertThat(outcomes()).contains("delivered", "undelivered");
        assertThat(reasonOf("undelivered")).contains("30003");
        // 30003 (unreachable) is not a permanent failure: the number is not suppressed
        assertThat(consent().path("suppressed").toString()).doesNotContain("sms");
    }

    @Test
    void portal_notifications_are_listed_and_marked_read_through_the_api_for_the_tenant_only() {
        attend("e-1");

        Http.Answer list = http.get("/v1/contacts/R-1/notifications", key);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("unread").asLong()).isEqualTo(1);
        JsonNode note = list.json().path("items").get(0);
        assertThat(note.path("subject").asText()).isEqualTo("Thanks for coming");
        assertThat(note.path("body").asText()).contains("Dana");
        assertThat(note.path("read").asBoolean()).isFalse();

        String path = "/v1/contacts/R-1/notifications/" + note.path("key").asText() + "/read";
        String other = server.key("other", Role.ADMIN);
        assertThat(http.post(path, other, null).status()).as("another tenant").isEqualTo(404);
        String reader = server.key("acme", Role.READ_ONLY);
        assertThat(http.post(path, reader, null).status()).as("a read-only key").isEqualTo(403);

        Http.Answer read = http.post(path, key, null);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("read").asBoolean()).isTrue();
        assertThat(http.get("/v1/contacts/R-1/notifications?unread=true", key)
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(http.post("/v1/contacts/R-1/notifications/no-such-key/read", key, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_client_cannot_post_a_text_reply_as_an_event() {
        Http.Answer a = http.post(
                "/v1/events",
                key,
                "{\"id\": \"fake-stop\", \"type\": \"sms.replied\", \"occurred_at\": \"2027-03-01T09:00:00Z\","
                        + " \"contact\": {\"id\": \"R-1\"}, \"data\": {\"body\": \"YES\", \"keyword\": \"yes\"}}");
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.json().path("error").path("field").asText()).isEqualTo("type");
        assertThat(a.json().path("error").path("message").asText()).contains("/v1/webhooks/{tenant}/sms/inbound");
        Http.Answer batch = http.post(
                "/v1/events/batch",
                key,
                "{\"events\": [{\"id\": \"fake-in\", \"type\": \"sms.received\", \"occurred_at\":"
                        + " \"2027-03-01T09:00:00Z\", \"contact\": {\"id\": \"R-1\"}, \"data\": {\"body\": \"STOP\","
                        + " \"from\": \"" + DANA + "\"}}]}");
        assertThat(batch.status()).isEqualTo(422);
        server.process();
        long texts = server.service()
                .store()
                .read(h -> h.createQuery(
                                "SELECT COUNT(*) FROM event_log WHERE tenant_id = 'acme' AND type LIKE 'sms.%'")
                        .mapTo(Long.class)
                        .one());
        assertThat(texts).isZero();
    }

    private void attend(String id) {
        Http.Answer a = http.post(
                "/v1/events",
                key,
                "{\"id\": \"" + id + "\", \"type\": \"event.attended\", \"occurred_at\": \""
                        + server.clock().instant() + "\", \"contact\": {\"id\": \"R-1\"}, \"community\": \"cedar\"}");
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        server.process();
    }

    private JsonNode consent() {
        Http.Answer a = http.get("/v1/contacts/R-1/consent", key);
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        return a.json();
    }

    private static Map<String, String> stopForm(String id) {
        return Map.of("MessageSid", id, "From", DANA, "To", OUR_NUMBER, "Body", "STOP");
    }

    private Texts.Post signed(Map<String, String> form) {
        return Texts.signedForm(
                new java.util.TreeMap<>(form),
                new Secret(SMS_SECRET),
                server.clock().instant());
    }

    private Http.Answer post(String path, Texts.Post p) {
        return http.send(
                "POST",
                path,
                null,
                p.headers().get("Content-Type"),
                p.body().getBytes(StandardCharsets.UTF_8),
                Map.of("Threshold-Signature", p.headers().get("Threshold-Signature")));
    }

    private String providerId(String messageKey) {
        return server.service()
                .store()
                .read(h -> h.createQuery("SELECT provider_id FROM channel_sends"
                                + " WHERE tenant_id = 'acme' AND message_key = :k")
                        .bind("k", messageKey)
                        .mapTo(String.class)
                        .one());
    }

    private List<String> outcomes() {
        return server.service()
                .store()
                .read(h -> h.createQuery(
                                "SELECT outcome FROM deliveries WHERE tenant_id = 'acme' AND channel = 'sms' ORDER BY seq")
                        .mapTo(String.class)
                        .list());
    }

    private String reasonOf(String outcome) {
        return server.service()
                .store()
                .read(h -> h.createQuery("SELECT reason FROM deliveries WHERE tenant_id = 'acme' AND outcome = :o")
                        .bind("o", outcome)
                        .mapTo(String.class)
                        .one());
    }

    private static MimeMessage only(MimeMessage[] messages) {
        assertThat(messages).hasSize(1);
        return messages[0];
    }

    private static String json(Object o) {
        try {
            return new ObjectMapper().writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ok(Http.Answer a) {
        assertThat(a.status()).as(a.toString()).isBetween(200, 299);
    }
}
