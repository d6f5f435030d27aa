package dev.threshold.server.serve;

import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.api.keys.KeysResource;
import dev.threshold.server.auth.ApiKeys;
import dev.threshold.server.config.ServerConfig;
import dev.threshold.server.http.Resource;
import dev.threshold.server.ops.HealthResource;
import dev.threshold.server.ops.Metrics;
import dev.threshold.server.ops.MetricsResource;
import dev.threshold.server.ops.OpenApiResource;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

/** Every resource of the HTTP API, each given what it needs and nothing more. */
final class ApiResources {
    private final List<Resource> all;

    ApiResources(
            ServerConfig config,
            Store store,
            ThresholdRuntime runtime,
            ApiKeys keys,
            InstantSource clock,
            JourneyLoader loader,
            Path library,
            boolean runWorkers) {
        Metrics metrics = new Metrics();
        this.all = List.of(
                new HealthResource(store, runtime::running, runWorkers),
                new MetricsResource(store, metrics),
                new OpenApiResource(),
                new KeysResource(keys, config.limits().maxBodyBytes()));
    }

    List<Resource> all() {
        return all;
    }
}
