package dev.threshold.server.dashboard;

import dev.threshold.server.auth.Permission;
import dev.threshold.server.dashboard.session.Sessions;
import java.util.List;

/**
 * What every page shows around its content: its title, which section is open, who is signed in (tenant, role,
 * communities) and the token the page's forms carry.
 */
public record Chrome(
        String title,
        String section,
        String tenant,
        String role,
        List<String> communities,
        String csrf,
        boolean canManageJourneys,
        boolean canWorkTasks) {

    public Chrome {
        communities = List.copyOf(communities);
    }

    /** The chrome for a signed-in session. */
    public static Chrome of(String title, String section, Sessions.Session s) {
        return new Chrome(
                title,
                section,
                s.caller().tenant(),
                s.caller().role().id(),
                s.caller().communities().stream().sorted().toList(),
                s.csrf(),
                s.caller().role().allows(Permission.MANAGE_JOURNEYS),
                s.caller().role().allows(Permission.WORK_TASKS));
    }

    /** The sections of the navigation, in order: path, label, section id. */
    public static List<String[]> sections() {
        return List.of(
                new String[] {"/", "Journeys", "library"},
                new String[] {"/web", "The web", "web"},
                new String[] {"/outcomes", "Outcomes", "outcomes"},
                new String[] {"/tasks", "Tasks", "tasks"},
                new String[] {"/contacts", "Contacts", "contacts"},
                new String[] {"/simulate", "Simulate", "simulate"});
    }
}
