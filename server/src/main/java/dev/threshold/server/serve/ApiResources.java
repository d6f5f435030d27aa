package dev.threshold.server.serve;

import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.property.StoredProperties;
import dev.threshold.runtime.store.Store;
import dev.threshold.server.api.analytics.AnalyticsResource;
import dev.threshold.server.api.channels.InboundChannels;
import dev.threshold.server.api.channels.MessagingResource;
import dev.threshold.server.api.contacts.ContactsResource;
import dev.threshold.server.api.deadletters.DeadLettersResource;
import dev.threshold.server.api.events.EventsResource;
import dev.threshold.server.api.explanations.ExplanationsResource;
import dev.threshold.server.api.imports.ImportsResource;
import dev.threshold.server.api.instances.InstancesResource;
import dev.threshold.server.api.journeys.JourneysResource;
import dev.threshold.server.api.keys.KeysResource;
import dev.threshold.server.api.property.PropertyResource;
import dev.threshold.server.api.tasks.TasksResource;
import dev.threshold.server.api.webhooks.SignedRequests;
import dev.threshold.server.api.webhooks.WebhookSources;
import dev.threshold.server.api.webhooks.WebhooksResource;
import dev.threshold.server.auth.ApiKeys;
import dev.threshold.server.auth.RateLimiter;
import dev.threshold.server.config.ServerConfig;
import dev.threshold.server.dashboard.Dashboard;
import dev.threshold.server.http.Resource;
import dev.threshold.server.ops.HealthResource;
import dev.threshold.server.ops.Metrics;
import dev.threshold.server.ops.MetricsResource;
import dev.threshold.server.ops.OpenApiResource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;

/** Every resource of the HTTP API and every page of the dashboard, each given what it needs and nothing more. */
final class ApiResources {
    private final List<Resource> all;
    private final List<Resource> pages;

    /** What the resources are made of. */
    record Parts(
            ServerConfig config,
            Store store,
            ThresholdRuntime runtime,
            ApiKeys keys,
            RateLimiter limiter,
            InstantSource clock,
            JourneyLoader loader,
            Path library,
            boolean runWorkers,
            Metrics metrics,
            ThresholdService.Extras extras) {}

    ApiResources(Parts p) {
        Metrics metrics = p.metrics();
        long max = p.config().limits().maxBodyBytes();
        int batch = p.config().limits().maxBatch();
        Store store = p.store();
        StoredProperties properties = p.runtime().properties();
        WebhookSources sources = new WebhookSources(store, p.clock(), new SecureRandom());
        SignedRequests signed = new SignedRequests(
                sources, p.limiter(), p.clock(), p.config().webhooks().window(), max);
        this.all = List.of(
                new HealthResource(store, p.runtime()::running, p.runWorkers()),
                new MetricsResource(store, metrics),
                new OpenApiResource(),
                new KeysResource(p.keys(), max),
                new EventsResource(p.runtime().ingest(), metrics, max, batch),
                new ContactsResource(store, p.clock(), max),
                new PropertyResource(store, properties, p.clock(), max),
                new ImportsResource(p.runtime().importing(), metrics, max),
                new JourneysResource(store, p.runtime().journeys(), p.loader(), p.library(), max),
                new InstancesResource(store, p.runtime(), max),
                new TasksResource(store, p.clock(), max),
                new AnalyticsResource(store),
                new ExplanationsResource(store, p.runtime().journeys()),
                new DeadLettersResource(store, p.runtime().deadLetters()),
                new WebhooksResource(sources, signed, p.runtime().ingest(), metrics, max, batch),
                new InboundChannels(
                        signed,
                        InboundChannels.sms(
                                p.runtime().messaging(), p.config().channels().flatMap(ChannelSettings::sms))),
                new MessagingResource(store, p.runtime().messaging()));
        this.pages = Dashboard.pages(
                store,
                p.runtime(),
                p.keys(),
                p.clock(),
                p.extras().wallClock(),
                p.extras().pages());
    }

    /** The API's resources and the dashboard's pages. */
    List<Resource> all() {
        List<Resource> out = new java.util.ArrayList<>(all);
        out.addAll(pages);
        return List.copyOf(out);
    }
}
