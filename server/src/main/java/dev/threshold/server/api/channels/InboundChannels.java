package dev.threshold.server.api.channels;

import dev.threshold.runtime.Messaging;
import dev.threshold.runtime.inbound.HttpAnswer;
import dev.threshold.runtime.inbound.InboundSignature;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.server.api.webhooks.SignedRequests;
import dev.threshold.server.http.ApiError;
import dev.threshold.server.http.Json;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Where inbound channel traffic mounts: texts people send ({@code POST /v1/webhooks/{tenant}/sms/inbound}) and
 * delivery statuses ({@code POST /v1/webhooks/{tenant}/sms/status}) from the SMS provider, verified like every
 * webhook ({@link SignedRequests}, source {@code sms}): with the tenant's own {@code sms} webhook source when it has
 * one, else with {@code channels.sms.webhook_secret}. Only these routes turn a text into {@code sms.received} and
 * {@code sms.replied}; the events API refuses those types. Without {@code channels.sms} they answer 404 saying so.
 */
public final class InboundChannels implements Resource {
    /** The source SMS provider webhooks are signed as. */
    public static final String SMS = InboundSignature.SMS;

    /** One inbound endpoint of a channel: its source and path, and what to do with a verified request. */
    public interface InboundChannel {
        /** The source the request is signed as, and the path segment after the tenant: {@code sms}. */
        String source();

        /** The path after {@code /v1/webhooks/{tenant}/{source}/}, e.g. {@code inbound}. */
        String path();

        /** The secret the configuration gives the source; empty when the channel is not configured. */
        Optional<String> configuredSecret();

        /** Handles a verified request; the answer is sent as it is. */
        HttpAnswer handle(SignedRequests.Verified request);
    }

    private final SignedRequests signed;
    private final List<InboundChannel> channels;

    public InboundChannels(SignedRequests signed, List<InboundChannel> channels) {
        this.signed = signed;
        this.channels = List.copyOf(channels);
    }

    /** The SMS provider's two webhooks, over the runtime's entry points (there when SMS is configured). */
    public static List<InboundChannel> sms(Messaging messaging, Optional<ChannelSettings.Sms> settings) {
        Optional<String> secret = settings.map(s -> s.webhookSecret().value());
        return List.of(
                channel(
                        "inbound",
                        secret.filter(x -> messaging.texts().isPresent()),
                        v -> messaging
                                .texts()
                                .orElseThrow()
                                .accept(v.tenant(), v.contentType(), text(v), v.signature())),
                channel(
                        "status",
                        secret.filter(x -> messaging.deliveryStatuses().isPresent()),
                        v -> messaging.deliveryStatuses().orElseThrow().accept(v.tenant(), v.contentType(), text(v))));
    }

    private static String text(SignedRequests.Verified v) {
        return new String(v.body(), StandardCharsets.UTF_8);
    }

    private static InboundChannel channel(
            String path, Optional<String> secret, java.util.function.Function<SignedRequests.Verified, HttpAnswer> h) {
        return new InboundChannel() {
            @Override
            public String source() {
                return SMS;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public Optional<String> configuredSecret() {
                return secret;
            }

            @Override
            public HttpAnswer handle(SignedRequests.Verified request) {
                return h.apply(request);
            }
        };
    }

    @Override
    public void register(Routes routes) {
        for (InboundChannel channel : channels) {
            routes.open(
                    HandlerType.POST,
                    "/v1/webhooks/{tenant}/" + channel.source() + "/" + channel.path(),
                    ctx -> handle(ctx, channel));
        }
    }

    private void handle(Context ctx, InboundChannel channel) {
        if (channel.configuredSecret().isEmpty()) {
            throw notConfigured(channel.source());
        }
        SignedRequests.Verified request = signed.verify(ctx, channel.source(), channel.configuredSecret());
        send(ctx, channel.handle(request));
    }

    /** Sends an entry point's JSON answer; a refusal in the API's error shape, with the entry point's words. */
    static void send(Context ctx, HttpAnswer answer) {
        if (!answer.ok() && answer.contentType().startsWith("application/json")) {
            String message = Json.parse(answer.body().getBytes(StandardCharsets.UTF_8))
                    .path("error")
                    .asText(answer.body());
            throw ApiError.of(
                    answer.status(),
                    switch (answer.status()) {
                        case 401 -> "unauthorized";
                        case 413 -> "payload_too_large";
                        case 415 -> "unsupported_media_type";
                        default -> "malformed";
                    },
                    message);
        }
        ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
    }

    static ApiError notConfigured(String channel) {
        return ApiError.of(
                404,
                "channel_not_configured",
                "this server has no " + channel + " channel: set channels." + channel
                        + " in its configuration (docs/channels.md, \"Setting channels up\")");
    }
}
