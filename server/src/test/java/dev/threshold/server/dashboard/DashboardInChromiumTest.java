package dev.threshold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.runtime.store.Dialect;
import dev.threshold.server.support.TestServer;
import dev.threshold.server.support.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A leasing manager's morning in a real headless Chromium: sign in with a key, open the library, open the detractor
 * journey and read its live map (the counts of a detractor put in through the API and processed by the runtime),
 * switch the journey off for the community (the API and the runtime then say it is off), claim and complete the
 * manager's call task, and ask why the resident got what they got. Each page is saved under target/screenshots/.
 */
class DashboardInChromiumTest {
    private static final String NPS = "nps-feedback-follow-up";

    @TempDir
    Path dir;

    TestServer server;
    World acme;
    ChromeDriver browser;
    String base;

    @BeforeEach
    void start() {
        server = TestServer.start(Dialect.SQLITE, dir.resolve("store"));
        acme = World.make(server, "acme", "Acme");
        World.make(server, "birch", "Birch");
        browser = Chromium.start(dir.resolve("profile"));
        base = "http://127.0.0.1:" + server.http().port();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
    }

    @Test
    void a_manager_signs_in_reads_the_map_switches_a_journey_off_works_a_task_and_asks_why() {
        // sign in: a page without a session leads to the sign-in form
        browser.get(base + "/journeys/" + NPS);
        assertThat(browser.getCurrentUrl()).contains("/sign-in");
        Chromium.screenshot(browser, "01-sign-in");
        browser.findElement(By.id("api_key")).sendKeys(acme.adminKey());
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        arrivedAt("/journeys/" + NPS); // the click returns before the browser has followed the redirect

        // the library: the detractor is active in the NPS journey
        browser.get(base + "/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Journey library");
        WebElement row = browser.findElement(By.cssSelector("tr[data-journey='" + NPS + "']"));
        assertThat(figure(row, "active")).isEqualTo("1");
        assertThat(figure(row, "entered")).isEqualTo("1");
        assertThat(browser.getPageSource()).doesNotContain("Birch");
        Chromium.screenshot(browser, "02-library");

        // the journey: the live map counts what the runtime recorded for the detractor
        row.findElement(By.linkText("NPS and feedback follow-up")).click();
        WebElement heard = browser.findElement(By.cssSelector("[data-stage='heard']"));
        WebElement recovered = browser.findElement(By.cssSelector("[data-stage='recovered']"));
        assertThat(figure(heard, "reached")).isEqualTo(String.valueOf(facts("stage_entered", "heard")));
        assertThat(figure(heard, "reached")).isEqualTo("1");
        assertThat(figure(heard, "now")).isEqualTo("0");
        assertThat(figure(heard, "moved-on")).isEqualTo("1");
        assertThat(figure(recovered, "reached")).isEqualTo("1");
        assertThat(figure(recovered, "now")).isEqualTo("1");
        assertThat(heard.getText()).contains("The resident rates the repair").contains("Will anyone act on my score?");
        assertThat(browser.findElements(By.cssSelector(".graph canvas")))
                .as("the flow graph is drawn")
                .isNotEmpty();
        Chromium.screenshot(browser, "03-journey");

        // switch it off for the community, through the confirmation
        browser.get(base + "/");
        browser.findElement(By.cssSelector(
                        "tr[data-journey='" + NPS + "'] li[data-community='" + acme.community() + "'] a.switch"))
                .click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("off");
        Chromium.screenshot(browser, "04-confirm-switch");
        browser.findElement(By.id("confirm-switch")).click();
        arrivedAt("switched=");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("is now off");
        assertThat(browser.findElement(By.cssSelector(
                                "tr[data-journey='" + NPS + "'] li[data-community='" + acme.community() + "'] .state"))
                        .getText())
                .isEqualTo("Off");
        Chromium.screenshot(browser, "05-switched-off");
        assertThat(server.http()
                        .get("/v1/journeys/" + NPS, acme.adminKey())
                        .json()
                        .path("enablement")
                        .toString())
                .contains("\"community\":\"" + acme.community() + "\",\"enabled\":false");
        boolean on = server.service()
                .store()
                .read(h -> server.service()
                        .runtime()
                        .journeys()
                        .enabled(h.getConnection(), "acme", NPS, Optional.of(acme.community())));
        assertThat(on).as("the runtime's switch").isFalse();

        // the task inbox: claim the manager's call, then complete it
        browser.findElement(By.linkText("Tasks")).click();
        WebElement task = browser.findElement(By.cssSelector("[data-task='" + acme.task() + "']"));
        assertThat(task.getAttribute("class")).contains("sla-");
        task.findElement(By.name("by")).sendKeys("Dana Whitfield");
        task.findElement(By.cssSelector("button[data-action='claim']")).click();
        arrivedAt("done=claimed");
        task = browser.findElement(By.cssSelector("[data-task='" + acme.task() + "']"));
        assertThat(task.getText()).contains("Claimed by Dana Whitfield");
        Chromium.screenshot(browser, "06-task-claimed");
        task.findElement(By.name("outcome")).sendKeys("Called; plumber booked for Thursday");
        task.findElement(By.cssSelector("button[data-action='complete']")).click();
        arrivedAt("done=completed");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("completed");
        server.process();
        assertThat(server.http()
                        .get("/v1/tasks/" + acme.task(), acme.adminKey())
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("done");
        browser.navigate().refresh();
        Chromium.screenshot(browser, "07-tasks");

        // the contact: why did they enter, and what became of the messages
        browser.get(base + "/contacts/" + acme.contact());
        new Select(browser.findElement(By.id("why-journey"))).selectByValue(NPS);
        browser.findElement(By.id("ask-why")).click();
        arrivedAt("journey=");
        assertThat(browser.findElement(By.id("why-summary")).getText()).startsWith("Entered " + NPS);
        assertThat(browser.findElements(By.cssSelector("[data-outcome]"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("ol.timeline")).getText())
                .contains("Entered " + NPS)
                .contains("feedback.submitted");
        Chromium.screenshot(browser, "08-contact-why");

        // the journey after the call: the detractor reached the goal from the recovered stage
        browser.get(base + "/journeys/" + NPS);
        recovered = browser.findElement(By.cssSelector("[data-stage='recovered']"));
        assertThat(figure(recovered, "now")).isEqualTo("0");
        assertThat(figure(recovered, "goals")).isEqualTo("1");

        // the web of hand-offs and the outcomes: one detractor's score makes the community's NPS -100
        browser.findElement(By.linkText("The web")).click();
        assertThat(browser.findElement(By.id("handoffs")).getText()).contains("NPS and feedback follow-up");
        Chromium.screenshot(browser, "09-web");
        browser.findElement(By.linkText("Outcomes")).click();
        WebElement cedar =
                browser.findElement(By.cssSelector("#outcomes tr[data-community='" + acme.community() + "']"));
        assertThat(figure(cedar, "nps")).isEqualTo("-100");
        Chromium.screenshot(browser, "10-outcomes");
    }

    @Test
    void a_manager_simulates_the_renewal_journey_on_the_synthetic_portfolio_before_switching_it_on() {
        // a tenant with journeys but nobody in Threshold yet: the simulation runs on the synthetic portfolio
        String key = server.key("cobalt", dev.threshold.server.auth.Role.EDITOR);
        assertThat(server.http().post("/v1/journeys/publish-library", key, null).status())
                .isEqualTo(200);
        browser.get(base + "/sign-in");
        browser.findElement(By.id("api_key")).sendKeys(key);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.findElement(By.linkText("Simulate")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Simulate");
        assertThat(browser.findElement(By.id("limits")).getText()).contains("At most 90 days");

        new Select(browser.findElement(By.id("journey"))).selectByValue("renewal-journey");
        new Select(browser.findElement(By.id("days"))).selectByValue("60");
        new Select(browser.findElement(By.id("size"))).selectByValue("250");
        browser.findElement(By.id("run-simulation")).click();
        arrivedAt("run=1");
        WebElement result = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("simulation")));
        assertThat(result.findElement(By.id("source")).getText())
                .contains("a synthetic portfolio (seed 7, 250 residents)");
        WebElement offered =
                browser.findElement(By.cssSelector("table[data-journey='renewal-journey'] tr[data-stage='offered']"));
        long entered = Long.parseLong(figure(result, "entered"));
        assertThat(entered)
                .as("residents whose leases end in the coming months")
                .isPositive();
        assertThat(figure(offered, "entered")).isEqualTo(String.valueOf(entered));
        WebElement offer =
                browser.findElement(By.cssSelector("#messages tr[data-template='renewal-journey/offer/email']"));
        assertThat(Long.parseLong(figure(offer, "count"))).isPositive();
        WebElement example = offer.findElement(By.cssSelector("details.example"));
        example.findElement(By.tagName("summary")).click();
        assertThat(example.getText())
                .startsWith("To ")
                .contains("Your renewal options at")
                .contains("Your lease ends on");
        assertThat(browser.findElement(By.cssSelector("#tasks")).getText()).contains("community-manager");
        Chromium.screenshot(browser, "11-simulate");
    }

    /** Waits until the browser shows a page whose address contains {@code part}; on a timeout, shows where it is. */
    private void arrivedAt(String part) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains(part));
        } catch (org.openqa.selenium.TimeoutException e) {
            Chromium.screenshot(browser, "failed-waiting-for-" + part.replaceAll("[^a-z]", ""));
            throw new AssertionError(
                    "the browser is at " + browser.getCurrentUrl() + " showing:\n"
                            + browser.findElement(By.tagName("body")).getText(),
                    e);
        }
    }

    private static String figure(WebElement scope, String name) {
        return scope.findElement(By.cssSelector("[data-figure='" + name + "']")).getText();
    }

    private long facts(String kind, String stage) {
        return server.service()
                .store()
                .read(h -> h.createQuery("SELECT COUNT(*) FROM facts WHERE tenant_id = :t"
                                + " AND journey_id = :j AND kind = :k AND stage = :s")
                        .bind("t", "acme")
                        .bind("j", NPS)
                        .bind("k", kind)
                        .bind("s", stage)
                        .mapTo(Long.class)
                        .one());
    }
}
