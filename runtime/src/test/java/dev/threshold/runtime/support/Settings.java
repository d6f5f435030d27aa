package dev.threshold.runtime.support;

import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.outbox.channel.Secret;
import java.net.URI;
import java.util.Optional;

/** Channel settings for tests: the local SMS provider and SMTP server, and fixed secrets. */
public final class Settings {
    public static final Secret SMS_WEBHOOK_SECRET = new Secret("sms-webhook-secret-for-tests-0001");
    public static final Secret UNSUBSCRIBE_SECRET = new Secret("unsubscribe-secret-for-tests-0001");
    public static final Secret WEBHOOK_SECRET = new Secret("outbound-webhook-secret-for-tests");
    public static final String CEDAR_NUMBER = "+13035550100";

    private Settings() {}

    /** SMS through a provider at this base URL, Cedar Ridge sending from its own number. */
    public static ChannelSettings.Sms sms(URI baseUrl) {
        return ChannelSettings.Sms.of(
                        new ChannelSettings.SmsAccount(
                                baseUrl, "AC-default", new Secret("default-token"), "+15125550100"),
                        SMS_WEBHOOK_SECRET)
                .withCommunity(
                        "cedar-ridge",
                        new ChannelSettings.SmsAccount(baseUrl, "AC-cedar", new Secret("cedar-token"), CEDAR_NUMBER))
                .withStatusCallback("https://threshold.example/webhooks/{tenant}/sms/status");
    }

    public static ChannelSettings.Unsubscribe unsubscribe() {
        return ChannelSettings.Unsubscribe.of(URI.create("https://threshold.example"), UNSUBSCRIBE_SECRET);
    }

    /** SMS only (the provider's address is never called when a recording channel sends texts). */
    public static ChannelSettings smsOnly(URI baseUrl) {
        return new ChannelSettings(Optional.empty(), Optional.of(sms(baseUrl)), Optional.empty(), Optional.empty());
    }
}
