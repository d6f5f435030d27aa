package dev.threshold.server.dashboard.tasks;

import dev.threshold.runtime.store.Store;
import dev.threshold.server.api.tasks.TaskQueries;
import dev.threshold.server.api.tasks.TaskWork;
import dev.threshold.server.auth.Caller;
import dev.threshold.server.auth.Permission;
import dev.threshold.server.auth.Scope;
import dev.threshold.server.dashboard.Chrome;
import dev.threshold.server.dashboard.Communities;
import dev.threshold.server.dashboard.Format;
import dev.threshold.server.dashboard.View;
import dev.threshold.server.dashboard.session.PageGate;
import dev.threshold.server.dashboard.session.Sessions;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.PageRequest;
import dev.threshold.server.http.Query;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /tasks}: the staff inbox, by role and community, soonest due first, coloured by SLA (overdue, due within
 * four hours, on time) with escalations shown; a task is claimed and completed here with the same calls as the
 * API's {@code /v1/tasks/{key}/claim} and {@code /complete}.
 */
public final class TasksPage implements Resource {
    /** A task due within this is "due soon". */
    static final Duration SOON = Duration.ofHours(4);

    private static final int SHOWN = 200;

    private final Store store;
    private final TaskWork work;
    private final PageGate gate;
    private final InstantSource clock;

    public TasksPage(Store store, PageGate gate, InstantSource clock) {
        this.store = store;
        this.work = new TaskWork(store, clock);
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public void register(Routes routes) {
        routes.page(HandlerType.GET, "/tasks", gate.page(Permission.READ, this::inbox));
        routes.page(HandlerType.POST, "/tasks/{key}/claim", gate.page(Permission.WORK_TASKS, this::claim));
        routes.page(HandlerType.POST, "/tasks/{key}/complete", gate.page(Permission.WORK_TASKS, this::complete));
    }

    /** A task as the inbox shows it. */
    public record Line(TaskQueries.Task task, String sla, String due, boolean escalated) {}

    private void inbox(Context ctx, Sessions.Session s) {
        Caller caller = s.caller();
        Optional<String> community = Communities.chosen(store, caller, ctx.queryParam("community"));
        Optional<String> role = Optional.ofNullable(ctx.queryParam("role")).filter(r -> !r.isBlank());
        String status = Optional.ofNullable(ctx.queryParam("status")).orElse("open");
        if (!List.of("open", "done", "closed").contains(status)) {
            throw ApiError.badParameter("status", "choose open, done or closed");
        }
        TaskQueries.Filter filter =
                new TaskQueries.Filter(Optional.of(status), role, Optional.empty(), community, Optional.empty());
        List<TaskQueries.Task> tasks = store.read(
                h -> TaskQueries.list(h.getConnection(), caller, filter, new PageRequest(SHOWN, Optional.empty())));
        Instant now = clock.instant();
        List<Line> lines = tasks.stream().limit(SHOWN).map(t -> line(t, now)).toList();
        View.render(
                ctx,
                "tasks/index.jte",
                Map.of(
                        "chrome", Chrome.of("Tasks", "tasks", s),
                        "lines", lines,
                        "roles", roles(caller),
                        "communities", Communities.visible(store, caller),
                        "role", role.orElse(""),
                        "community", community.orElse(""),
                        "status", status,
                        "notice",
                                Optional.ofNullable(ctx.queryParam("done"))
                                        .map(TasksPage::notice)
                                        .orElse("")));
    }

    private static String notice(String done) {
        return done.startsWith("claimed:")
                ? "You claimed task " + done.substring(8) + "."
                : "Task " + done.replaceFirst("^completed:", "") + " is completed; its journey moves on.";
    }

    static Line line(TaskQueries.Task t, Instant now) {
        boolean open = t.status().equals("open");
        String sla = !open
                ? "closed"
                : t.dueAt().isBefore(now) ? "overdue" : t.dueAt().isBefore(now.plus(SOON)) ? "due-soon" : "on-time";
        String due = t.dueAt().isBefore(now)
                ? "overdue by " + Format.duration(Duration.between(t.dueAt(), now))
                : "due in " + Format.duration(Duration.between(now, t.dueAt()));
        boolean escalated = open && t.escalateAt().filter(e -> !e.isAfter(now)).isPresent();
        return new Line(t, sla, due, escalated);
    }

    private List<String> roles(Caller caller) {
        Query q = new Query("SELECT DISTINCT role FROM tasks WHERE tenant_id = ?", caller.tenant());
        q.and(Scope.filter(caller, "community_id"));
        q.append(" ORDER BY role");
        return store.read(h -> q.list(h.getConnection(), rs -> rs.getString(1)));
    }

    private void claim(Context ctx, Sessions.Session s) {
        String key = ctx.pathParam("key");
        String by = Optional.ofNullable(ctx.formParam("by")).map(String::strip).orElse("");
        if (by.isEmpty() || by.length() > 200) {
            throw ApiError.invalid("by", "Enter your name (up to 200 characters) to claim a task.");
        }
        work.claim(s.caller(), key, by);
        back(ctx, "claimed:" + key);
    }

    private void complete(Context ctx, Sessions.Session s) {
        String key = ctx.pathParam("key");
        TaskQueries.Task task = work.find(s.caller(), key);
        String by = task.claimedBy().orElse("key " + s.caller().keyId());
        Optional<String> outcome =
                Optional.ofNullable(ctx.formParam("outcome")).map(String::strip).filter(o -> !o.isEmpty());
        if (outcome.isPresent() && outcome.get().length() > 2000) {
            throw ApiError.invalid("outcome", "Keep the outcome under 2,000 characters.");
        }
        work.complete(s.caller(), key, by, outcome);
        back(ctx, "completed:" + key);
    }

    private static void back(Context ctx, String done) {
        ctx.redirect("/tasks?done=" + URLEncoder.encode(done, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }
}
