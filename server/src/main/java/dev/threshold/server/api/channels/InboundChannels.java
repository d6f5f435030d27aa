package dev.threshold.server.api.channels;

import dev.threshold.server.api.webhooks.SignedRequests;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Respond;
import dev.threshold.server.http.Routes;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;

/**
 * Where inbound channel traffic mounts: SMS replies and delivery receipts from a provider, posted to {@code POST
 * /v1/webhooks/{tenant}/{source}/{path}} and verified like every webhook ({@link SignedRequests}). The channels work
 * supplies the handlers (its plain Java entry points wrapped as {@link InboundChannel}s) to {@code
 * ThresholdService}; until then none is mounted and those paths are 404.
 */
public final class InboundChannels implements Resource {
    /** One inbound endpoint of a channel: its path under the source, and what to do with a verified request. */
    public interface InboundChannel {
        /** The path after {@code /v1/webhooks/{tenant}/{source}/}, e.g. {@code sms/replies}. */
        String path();

        /** Handles a verified request; returns the JSON body of the 200 answer. */
        Map<String, Object> handle(SignedRequests.Verified request);
    }

    private final SignedRequests signed;
    private final List<InboundChannel> channels;

    public InboundChannels(SignedRequests signed, List<InboundChannel> channels) {
        this.signed = signed;
        this.channels = List.copyOf(channels);
    }

    @Override
    public void register(Routes routes) {
        for (InboundChannel channel : channels) {
            routes.open(
                    HandlerType.POST,
                    "/v1/webhooks/{tenant}/{source}/" + channel.path(),
                    ctx -> Respond.ok(ctx, channel.handle(signed.verify(ctx))));
        }
    }
}
