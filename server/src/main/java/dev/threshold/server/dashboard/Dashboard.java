package dev.threshold.server.dashboard;

import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.auth.ApiKeys;
import dev.threshold.server.dashboard.contact.ContactPage;
import dev.threshold.server.dashboard.journey.JourneyPage;
import dev.threshold.server.dashboard.library.LibraryPage;
import dev.threshold.server.dashboard.outcomes.OutcomesPage;
import dev.threshold.server.dashboard.session.PageGate;
import dev.threshold.server.dashboard.session.Sessions;
import dev.threshold.server.dashboard.session.SignIn;
import dev.threshold.server.dashboard.simulate.FutureActivity;
import dev.threshold.server.dashboard.simulate.Portfolios;
import dev.threshold.server.dashboard.simulate.SimulatePage;
import dev.threshold.server.dashboard.tasks.TasksPage;
import dev.threshold.server.dashboard.web.WebPage;
import dev.threshold.server.http.Resource;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;

/**
 * The dashboard, served by {@code threshold serve} beside the API: every page of it, behind one sign-in. Pages are
 * rendered on the server from templates compiled in the build; the browser gets HTML, one stylesheet and a few
 * small libraries (htmx, Cytoscape for graphs, uPlot for charts) from WebJars.
 */
public final class Dashboard {
    private Dashboard() {}

    /** A page that only some services mount (the demo's message sink), made with the dashboard's sign-in. */
    @FunctionalInterface
    public interface Extra {
        Resource page(Store store, PageGate gate);
    }

    /** Every page, given what it needs. */
    public static List<Resource> pages(Store store, ThresholdRuntime runtime, ApiKeys keys, InstantSource clock) {
        return pages(store, runtime, keys, clock, clock, List.of());
    }

    /**
     * Every page, and the extra ones; {@code sessionClock} times sessions out (the wall clock, also when the
     * runtime's clock is simulated).
     */
    public static List<Resource> pages(
            Store store,
            ThresholdRuntime runtime,
            ApiKeys keys,
            InstantSource clock,
            InstantSource sessionClock,
            List<Extra> extras) {
        Sessions sessions = new Sessions(keys, sessionClock, new SecureRandom());
        PageGate gate = new PageGate(sessions);
        List<Resource> out = new java.util.ArrayList<>(List.of(
                new SignIn(sessions, gate, sessionClock),
                new LibraryPage(store, runtime.journeys(), gate),
                new JourneyPage(store, runtime.journeys(), gate, clock),
                new TasksPage(store, gate, clock),
                new ContactPage(store, runtime.journeys(), gate),
                new WebPage(store, runtime.journeys(), gate),
                new OutcomesPage(store, gate, clock),
                new SimulatePage(store, runtime, gate, clock, FutureActivity.generated(Portfolios.SEED))));
        extras.forEach(e -> out.add(e.page(store, gate)));
        return List.copyOf(out);
    }
}
