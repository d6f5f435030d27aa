package dev.threshold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.runtime.store.Dialect;
import dev.threshold.server.auth.Role;
import dev.threshold.server.support.Http;
import dev.threshold.server.support.TestServer;
import dev.threshold.server.support.World;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who gets into the dashboard, and what a signed-in person of one tenant can reach of another's. */
class DashboardSessionsTest {
    @TempDir
    Path dir;

    TestServer server;
    World acme;
    World birch;

    @BeforeEach
    void start() {
        server = TestServer.start(Dialect.SQLITE, dir);
        acme = World.make(server, "acme", "Acme");
        birch = World.make(server, "birch", "Birch");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void without_a_session_every_page_sends_the_browser_to_the_sign_in() {
        SignedInBrowser b = new SignedInBrowser(server.http());
        for (String path : new String[] {"/", "/journeys/nps-feedback-follow-up", "/tasks", "/contacts/acme-r1"}) {
            Http.Answer a = b.get(path);
            assertThat(a.status()).as(path).isEqualTo(303);
            assertThat(a.header("Location")).as(path).get().asString().startsWith("/sign-in?next=");
        }
        Http.Answer post = b.post(
                "/journeys/nps-feedback-follow-up/switch", Map.of("community", acme.community(), "enabled", "false"));
        assertThat(post.status()).isEqualTo(303);
        assertThat(enabled(acme)).isTrue();
    }

    @Test
    void signing_in_sets_an_http_only_strict_session_cookie_and_a_wrong_key_is_refused() {
        SignedInBrowser b = new SignedInBrowser(server.http());
        Http.Answer wrong = b.signIn("thr_acme_not-a-real-key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("not valid").doesNotContain("Exception");
        assertThat(b.cookie("thr_session")).isNull();

        Http.Answer ok = b.signIn(acme.adminKey());
        assertThat(ok.status()).isEqualTo(303);
        String setCookie = ok.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                .flatMap(e -> e.getValue().stream())
                .filter(c -> c.startsWith("thr_session="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(setCookie).doesNotContain(acme.adminKey());
        assertThat(b.get("/").status()).isEqualTo(200);
    }

    @Test
    void a_form_without_its_csrf_token_is_refused_and_changes_nothing() {
        SignedInBrowser b = new SignedInBrowser(server.http());
        b.signIn(acme.adminKey());
        Http.Answer missing = b.post(
                "/journeys/nps-feedback-follow-up/switch", Map.of("community", acme.community(), "enabled", "false"));
        assertThat(missing.status()).isEqualTo(403);
        Http.Answer forged = b.post(
                "/journeys/nps-feedback-follow-up/switch",
                Map.of("_csrf", "forged", "community", acme.community(), "enabled", "false"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(missing.body()).contains("<h1>Not allowed</h1>");
        assertThat(enabled(acme)).isTrue();

        String csrf = SignedInBrowser.csrf(b.get("/").body());
        Http.Answer real = b.post(
                "/journeys/nps-feedback-follow-up/switch",
                Map.of("_csrf", csrf, "community", acme.community(), "enabled", "false"));
        assertThat(real.status()).isEqualTo(303);
        assertThat(enabled(acme)).isFalse();
    }

    @Test
    void another_tenants_contact_task_and_community_are_not_found() {
        SignedInBrowser b = new SignedInBrowser(server.http());
        b.signIn(acme.adminKey());
        String csrf = SignedInBrowser.csrf(b.get("/").body());
        assertThat(b.get("/contacts/" + birch.contact()).status()).isEqualTo(404);
        assertThat(b.get("/journeys/nps-feedback-follow-up?community=" + birch.community())
                        .status())
                .isEqualTo(404);
        assertThat(b.get("/tasks?community=" + birch.community()).status()).isEqualTo(404);
        Http.Answer claim = b.post("/tasks/" + birch.task() + "/claim", Map.of("_csrf", csrf, "by", "Mallory"));
        assertThat(claim.status()).isEqualTo(404);
        Http.Answer page = b.get("/tasks");
        assertThat(page.body())
                .contains(acme.task())
                .doesNotContain(birch.task())
                .doesNotContain("Birch");
        Http.Answer own = b.get("/contacts/" + acme.contact());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("Acme").doesNotContain("Birch");
    }

    @Test
    void signing_out_or_revoking_the_key_ends_the_session() {
        SignedInBrowser b = new SignedInBrowser(server.http());
        b.signIn(acme.adminKey());
        String token = b.cookie("thr_session");
        String csrf = SignedInBrowser.csrf(b.get("/").body());
        assertThat(b.post("/sign-out", Map.of("_csrf", csrf)).status()).isEqualTo(303);
        SignedInBrowser replay = new SignedInBrowser(server.http());
        assertThat(replayWith(replay, token).status()).isEqualTo(303);

        String reader = server.key("acme", Role.READ_ONLY);
        SignedInBrowser r = new SignedInBrowser(server.http());
        r.signIn(reader);
        assertThat(r.get("/").status()).isEqualTo(200);
        server.service().keys().list("acme").stream()
                .filter(k -> k.role() == Role.READ_ONLY)
                .forEach(k -> server.service().keys().revoke("acme", k.id()));
        assertThat(r.get("/").status()).isEqualTo(303);
    }

    @Test
    void a_read_only_key_sees_the_library_but_cannot_switch_journeys() {
        SignedInBrowser b = new SignedInBrowser(server.http());
        b.signIn(server.key("acme", Role.READ_ONLY));
        Http.Answer library = b.get("/");
        assertThat(library.body()).doesNotContain("Switch off");
        String csrf = SignedInBrowser.csrf(library.body());
        Http.Answer post = b.post(
                "/journeys/nps-feedback-follow-up/switch",
                Map.of("_csrf", csrf, "community", acme.community(), "enabled", "false"));
        assertThat(post.status()).isEqualTo(403);
        assertThat(enabled(acme)).isTrue();
    }

    private Http.Answer replayWith(SignedInBrowser b, String token) {
        return server.http().send("GET", "/", null, null, null, Map.of("Cookie", "thr_session=" + token));
    }

    private boolean enabled(World w) {
        return server.service()
                .store()
                .read(h -> server.service()
                        .runtime()
                        .journeys()
                        .enabled(h.getConnection(), w.tenant(), "nps-feedback-follow-up", Optional.of(w.community())));
    }
}
