package dev.threshold.server.ops;

import dev.threshold.runtime.store.Store;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: it can do its work — the store answers, the
 * API's migrations are applied, and the runtime's workers are running (when this node runs them) — else 503 with
 * what is not ready, so a load balancer sends traffic elsewhere.
 */
public final class HealthResource implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);
    /** The schema version the API needs (V3__api.sql). */
    static final String API_SCHEMA = "3";

    private final Store store;
    private final BooleanSupplier workersRunning;
    private final boolean workersExpected;

    /**
     * @param workersExpected false on a node that runs no workers of its own (tests driving the runtime by hand)
     */
    public HealthResource(Store store, BooleanSupplier workersRunning, boolean workersExpected) {
        this.store = store;
        this.workersRunning = workersRunning;
        this.workersExpected = workersExpected;
    }

    @Override
    public void register(Routes routes) {
        routes.open(HandlerType.GET, "/health/live", ctx -> Respond.ok(ctx, Map.of("status", "live")));
        routes.open(HandlerType.GET, "/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean ok = true;
        String schema = schemaState();
        checks.put("store", schema.equals("unreachable") ? "unreachable" : "reachable");
        checks.put("migrations", schema);
        ok &= schema.equals("applied");
        if (workersExpected) {
            boolean running = workersRunning.getAsBoolean();
            checks.put("workers", running ? "running" : "stopped");
            ok &= running;
        } else {
            checks.put("workers", "not run by this node");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "ready" : "not ready");
        body.put("checks", checks);
        Respond.json(ctx, ok ? 200 : 503, body);
    }

    /** applied, missing, failed, or unreachable. */
    private String schemaState() {
        try {
            return store.read(h -> {
                // Flyway's own table: runtime-wide, not a tenant's
                var rows = h.createQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")
                        .mapToMap()
                        .list();
                boolean failed = rows.stream().anyMatch(r -> !truthy(r.get("success")));
                boolean api = rows.stream().anyMatch(r -> API_SCHEMA.equals(String.valueOf(r.get("version"))));
                return failed ? "failed" : api ? "applied" : "missing";
            });
        } catch (RuntimeException e) {
            LOG.warn("readiness: the store does not answer", e);
            return "unreachable";
        }
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : v instanceof Number n && n.intValue() != 0;
    }
}
