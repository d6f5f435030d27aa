package dev.threshold.runtime.outbox.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal stands in for a provider's dedupe by key, also when several nodes share it. */
class RecordingChannelTest {
    @TempDir
    Path dir;

    @Test
    void a_key_one_node_delivered_is_a_repeat_for_another_node_sharing_the_journal() throws Exception {
        Path file = dir.resolve("channel.journal");
        RecordingChannel a = RecordingChannel.journaled(file, EnumSet.allOf(Channel.class));
        RecordingChannel b = RecordingChannel.journaled(file, EnumSet.allOf(Channel.class));

        assertThat(a.send(message("k-1"))).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(b.send(message("k-2"))).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(b.send(message("k-1"))).isInstanceOf(DeliveryResult.AlreadyDelivered.class);
        assertThat(a.send(message("k-2"))).isInstanceOf(DeliveryResult.AlreadyDelivered.class);

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .containsExactly("delivered k-1", "delivered k-2", "repeat k-1", "repeat k-2");
    }

    @Test
    void the_journal_makes_its_folder_when_there_is_none() {
        Path file = dir.resolve("data").resolve("node-1").resolve("channel.journal");

        RecordingChannel.journaled(file, EnumSet.allOf(Channel.class)).send(message("k-1"));

        assertThat(file).hasContent("delivered k-1");
    }

    @Test
    void a_line_torn_by_a_killed_writer_does_not_swallow_the_next_one() throws Exception {
        Path file = dir.resolve("channel.journal");
        Files.writeString(file, "delivered k-1\ndeliv", StandardCharsets.UTF_8);
        RecordingChannel a = RecordingChannel.journaled(file, EnumSet.allOf(Channel.class));

        a.send(message("k-2"));

        RecordingChannel reopened = RecordingChannel.journaled(file, EnumSet.allOf(Channel.class));
        assertThat(reopened.delivered()).containsOnlyKeys("k-1", "k-2");
    }

    private static OutboundMessage message(String key) {
        return new OutboundMessage(
                "acme",
                key,
                Channel.EMAIL,
                "dana@example.com",
                Optional.of("Hello"),
                "Hi Dana",
                Purpose.TRANSACTIONAL,
                "j",
                "s",
                Optional.of("R-1"),
                Optional.empty());
    }
}
