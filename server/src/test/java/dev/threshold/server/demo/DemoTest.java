package dev.threshold.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.Threshold;
import dev.threshold.server.dashboard.SignedInBrowser;
import dev.threshold.server.http.Query;
import dev.threshold.server.support.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code threshold demo} as a newcomer meets it: a few simulated days on a small portfolio, as fast as the machine
 * goes, with real email through a real SMTP server and texts through an HTTP endpoint; then run again, it resumes.
 */
class DemoTest {
    private static final LocalDate START = LocalDate.of(2027, 3, 1);
    private static final Path JOURNEYS = Path.of("../journeys").toAbsolutePath().normalize();
    private static final int RESIDENTS = 400;

    @TempDir
    Path dir;

    private Demo.Options options(int days) {
        return new Demo.Options(dir, false, days, Duration.ZERO, 0, RESIDENTS, 7, Optional.of(START), JOURNEYS);
    }

    @Test
    void the_demo_delivers_real_messages_shows_them_on_the_dashboard_and_resumes_without_sending_twice() {
        StringWriter printed = new StringWriter();
        List<Sink.Message> first;
        try (Demo demo = Demo.start(options(3), new PrintWriter(printed, true))) {
            demo.run(() -> false);
            assertThat(demo.now()).isEqualTo(Instant.parse("2027-03-04T00:00:00Z"));
            String text = printed.toString();
            assertThat(text).contains(demo.url() + "/", demo.url() + "/demo/messages", demo.apiKey());
            assertThat(text).contains("28 journeys on").contains("2027-03-01  day 1 of 3", "2027-03-03  day 3 of 3");

            Store store = demo.store();
            Set<String> portfolioEmails = addresses(demo, ContactPoint.Kind.EMAIL);
            assertThat(count(store, "SELECT COUNT(*) FROM contacts WHERE tenant_id = ?"))
                    .isGreaterThanOrEqualTo(
                            demo.portfolio().changes().contacts().size());
            assertThat(count(store, "SELECT COALESCE(SUM(entered), 0) FROM journey_totals WHERE tenant_id = ?"))
                    .as("people entered journeys")
                    .isPositive();

            first = demo.sink().newest(m -> true, Integer.MAX_VALUE);
            List<Sink.Message> emails =
                    first.stream().filter(m -> m.channel().equals("email")).toList();
            List<Sink.Message> texts =
                    first.stream().filter(m -> m.channel().equals("sms")).toList();
            assertThat(emails).as("emails the SMTP server received").isNotEmpty();
            assertThat(texts).as("texts the SMS endpoint received").isNotEmpty();
            for (Sink.Message m : emails) {
                assertThat(m.headers()).containsKeys("From", "To", "Subject", "Message-ID", "X-Threshold-Message-Key");
                assertThat(m.headers().get("Message-ID")).endsWith("@demo.threshold.localhost>");
                assertThat(m.subject()).isNotBlank();
                assertThat(m.body()).isNotBlank();
                assertThat(knownAddress(store, m.to()) || offices(demo).contains(m.to()))
                        .as("%s is a contact's or a community office's address", m.to())
                        .isTrue();
            }
            assertThat(emails).as("some reach the portfolio's people").anyMatch(m -> portfolioEmails.contains(m.to()));
            for (Sink.Message m : texts) {
                assertThat(m.to()).matches("\\+[1-9][0-9]{6,14}");
                assertThat(m.body()).isNotBlank();
                LocalTime local = m.at().atZone(zoneOf(store, m.to())).toLocalTime();
                assertThat(local)
                        .as("text %s to %s sent at %s local time", m.key(), m.to(), local)
                        .isAfterOrEqualTo(LocalTime.of(8, 0))
                        .isBefore(LocalTime.of(21, 0));
            }

            SignedInBrowser browser = new SignedInBrowser(
                    new Http(Integer.parseInt(demo.url().substring(demo.url().lastIndexOf(':') + 1))));
            assertThat(browser.signIn(demo.apiKey()).status()).isEqualTo(303);
            Http.Answer page = browser.get("/demo/messages");
            assertThat(page.status()).isEqualTo(200);
            Sink.Message newestEmail = emails.get(0);
            Sink.Message newestText = texts.get(0);
            assertThat(page.body())
                    .contains(html(newestEmail.subject()), newestEmail.to(), newestText.to())
                    .contains("data-key=\"" + html(newestText.key()) + "\"");
            Sink.Message oldestShown = first.get(Math.min(first.size(), 200) - 1); // the page shows the newest 200
            assertThat(page.body().indexOf("data-key=\"" + html(first.get(0).key())))
                    .as("newest first")
                    .isNotNegative()
                    .isLessThan(page.body().indexOf("data-key=\"" + html(oldestShown.key())));
            Http.Answer theirs = browser.get("/demo/messages?channel=sms&contact=" + contactOf(store, newestText.to()));
            assertThat(theirs.body()).contains(newestText.to()).doesNotContain("data-channel=\"email\"");
        }

        StringWriter again = new StringWriter();
        CommandLine cli = new CommandLine(new Threshold());
        cli.setOut(new PrintWriter(again, true));
        int exit = cli.execute("demo", "--folder", dir.toString(), "--days", "2", "--day-seconds", "0", "--port", "0");
        assertThat(exit).as(again.toString()).isZero();
        assertThat(again.toString())
                .contains("resumed at 2027-03-04T00:00:00Z")
                .contains("2027-03-04  day 1 of 2", "2027-03-05  day 2 of 2")
                .contains("Stopped at 2027-03-06T00:00:00Z");

        try (Sink sink = Sink.open(dir.resolve("sink.jsonl"))) {
            List<Sink.Message> all = sink.newest(m -> true, Integer.MAX_VALUE);
            List<Sink.Message> later = all.subList(0, all.size() - first.size());
            assertThat(later).as("messages of the resumed run").isNotEmpty();
            assertThat(later).allMatch(m -> m.at().isAfter(Instant.parse("2027-03-04T00:00:00Z")));
            Set<String> seen = new HashSet<>();
            List<String> twice = all.stream()
                    .map(m -> m.channel() + " " + m.key() + " to " + m.to())
                    .filter(k -> !seen.add(k))
                    .toList();
            assertThat(twice).as("messages received twice").isEmpty();
        }
    }

    private static Set<String> addresses(Demo demo, ContactPoint.Kind kind) {
        return demo.portfolio().changes().contacts().stream()
                .flatMap(c -> c.points().stream())
                .filter(p -> p.kind() == kind)
                .map(p -> p.value().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private static Set<String> offices(Demo demo) {
        return demo.portfolio().changes().communities().stream()
                .map(c -> c.email().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private static long count(Store store, String sql) {
        return store.read(h -> new Query(sql, Demo.TENANT)
                .list(h.getConnection(), rs -> rs.getLong(1))
                .get(0));
    }

    private static boolean knownAddress(Store store, String address) {
        return contactOf(store, address) != null;
    }

    private static String contactOf(Store store, String address) {
        List<String> ids = store.read(h -> new Query(
                        "SELECT contact_id FROM contact_identities WHERE tenant_id = ? AND value = ?",
                        Demo.TENANT,
                        address)
                .list(h.getConnection(), rs -> rs.getString(1)));
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** The recipient's own timezone, else their community's. */
    private static ZoneId zoneOf(Store store, String phone) {
        String contact = contactOf(store, phone);
        assertThat(contact).as("the contact texted at %s", phone).isNotNull();
        return store.read(h -> {
            ContactView v = Directory.findContact(h.getConnection(), Demo.TENANT, contact)
                    .orElseThrow();
            if (v.timezone().isPresent()) {
                return v.timezone().get();
            }
            return Directory.findCommunity(
                            h.getConnection(), Demo.TENANT, v.community().orElseThrow())
                    .map(CommunityView::timezone)
                    .orElseThrow();
        });
    }

    private static String html(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&#34;")
                .replace("'", "&#39;");
    }
}
