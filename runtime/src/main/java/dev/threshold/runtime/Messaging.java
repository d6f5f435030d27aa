package dev.threshold.runtime;

import dev.threshold.runtime.consent.Consents;
import dev.threshold.runtime.consent.UnsubscribeLinks;
import dev.threshold.runtime.inbound.DeliveryStatuses;
import dev.threshold.runtime.inbound.ReceivingTexts;
import dev.threshold.runtime.inbound.Unsubscribing;
import dev.threshold.runtime.outbox.channel.AcceptedSends;
import dev.threshold.runtime.outbox.channel.ChannelAdapter;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.outbox.channel.EmailChannel;
import dev.threshold.runtime.outbox.channel.PortalChannel;
import dev.threshold.runtime.outbox.channel.SmsChannel;
import dev.threshold.runtime.outbox.channel.WebhookChannel;
import dev.threshold.runtime.portal.PortalNotifications;
import dev.threshold.runtime.store.Store;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The channels a runtime sends on, made from the channel settings, and the entry points the HTTP API mounts for
 * what comes back: inbound texts, SMS delivery statuses, unsubscribe links, portal notifications and recorded
 * consent. The portal channel needs no settings and is always there; email, SMS and webhooks are there when
 * configured.
 *
 * <pre>{@code
 * ThresholdRuntime rt = ThresholdRuntime.builder(store, clock).channelSettings(settings).build();
 * rt.messaging().texts().orElseThrow().handle("acme", headers, body);
 * }</pre>
 */
public final class Messaging {
    private final List<ChannelAdapter> adapters;
    private final Consents consents;
    private final PortalNotifications portal;
    private final Optional<ReceivingTexts> texts;
    private final Optional<DeliveryStatuses> statuses;
    private final Optional<Unsubscribing> unsubscribing;

    private Messaging(
            List<ChannelAdapter> adapters,
            Consents consents,
            PortalNotifications portal,
            Optional<ReceivingTexts> texts,
            Optional<DeliveryStatuses> statuses,
            Optional<Unsubscribing> unsubscribing) {
        this.adapters = List.copyOf(adapters);
        this.consents = consents;
        this.portal = portal;
        this.texts = texts;
        this.statuses = statuses;
        this.unsubscribing = unsubscribing;
    }

    /** Builds the channels the settings describe; the settings are checked first, every problem reported at once. */
    static Messaging from(Optional<ChannelSettings> settings, Store store, InstantSource clock) {
        settings.ifPresent(ChannelSettings::requireValid);
        List<ChannelAdapter> adapters = new ArrayList<>();
        AcceptedSends sends = new AcceptedSends(store);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Optional<UnsubscribeLinks> links =
                settings.flatMap(ChannelSettings::unsubscribe).map(UnsubscribeLinks::new);
        Optional<ChannelSettings.Sms> sms = settings.flatMap(ChannelSettings::sms);
        settings.flatMap(ChannelSettings::email)
                .ifPresent(e -> adapters.add(new EmailChannel(e, links.orElseThrow(), sends, clock)));
        sms.ifPresent(s -> adapters.add(new SmsChannel(s, http, sends, clock)));
        settings.flatMap(ChannelSettings::webhooks)
                .ifPresent(w -> adapters.add(new WebhookChannel(http, w.secret().bytes(), clock, w.timeout())));
        adapters.add(new PortalChannel(store, clock));
        return new Messaging(
                adapters,
                new Consents(store),
                new PortalNotifications(store, clock),
                sms.map(s -> new ReceivingTexts(store, s, clock)),
                sms.map(s -> new DeliveryStatuses(store, s, clock)),
                links.map(l -> new Unsubscribing(store, l, clock)));
    }

    List<ChannelAdapter> adapters() {
        return adapters;
    }

    /** Consent as people gave and withdrew it: record a consent form, a bounce, a staff note; read the history. */
    public Consents consents() {
        return consents;
    }

    /** A contact's portal notifications: list them, mark them read. */
    public PortalNotifications portal() {
        return portal;
    }

    /** The SMS provider's inbound webhook ({@code POST /webhooks/{tenant}/sms/inbound}), when SMS is configured. */
    public Optional<ReceivingTexts> texts() {
        return texts;
    }

    /** The SMS provider's delivery-status callback ({@code POST /webhooks/{tenant}/sms/status}). */
    public Optional<DeliveryStatuses> deliveryStatuses() {
        return statuses;
    }

    /** Unsubscribe links ({@code GET} and {@code POST /unsubscribe/{token}}), when unsubscribe links are configured. */
    public Optional<Unsubscribing> unsubscribing() {
        return unsubscribing;
    }
}
