package dev.threshold.server.serve;

import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.api.analytics.AnalyticsResource;
import dev.threshold.server.api.contacts.ContactsResource;
import dev.threshold.server.api.deadletters.DeadLettersResource;
import dev.threshold.server.api.events.EventsResource;
import dev.threshold.server.api.explanations.ExplanationsResource;
import dev.threshold.server.api.instances.InstancesResource;
import dev.threshold.server.api.journeys.JourneysResource;
import dev.threshold.server.api.keys.KeysResource;
import dev.threshold.server.api.tasks.TasksResource;
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
        long max = config.limits().maxBodyBytes();
        this.all = List.of(
                new HealthResource(store, runtime::running, runWorkers),
                new MetricsResource(store, metrics),
                new OpenApiResource(),
                new KeysResource(keys, max),
                new EventsResource(
                        runtime.ingest(), metrics, max, config.limits().maxBatch()),
                new ContactsResource(store, clock, max),
                new JourneysResource(store, runtime.journeys(), loader, library, max),
                new InstancesResource(store, runtime, max),
                new TasksResource(store, clock, max),
                new AnalyticsResource(store),
                new ExplanationsResource(store, runtime.journeys()),
                new DeadLettersResource(store, runtime.deadLetters()));
    }

    List<Resource> all() {
        return all;
    }
}
