package dev.threshold.runtime.outbox.channel;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.util.Optional;

/**
 * A message as a channel sends it. {@code key} is deterministic (instance, step, visit, party): a channel must
 * treat a second message with a key it has already delivered as delivered, never send it again.
 *
 * @param to the address on the channel (an email address, a phone number, a portal user, a URL), or the staff
 *     role for messages to staff
 * @param community the community it is sent for: its name signs emails, its postal address ends marketing emails,
 *     its SMS account sends texts
 */
public record OutboundMessage(
        String tenant,
        String key,
        Channel channel,
        String to,
        Optional<String> subject,
        String body,
        Purpose purpose,
        String journey,
        String step,
        Optional<String> contact,
        Optional<CommunityView> community) {

    /** The community's id, when the message is sent for one. */
    public Optional<String> communityId() {
        return community.map(CommunityView::id);
    }
}
