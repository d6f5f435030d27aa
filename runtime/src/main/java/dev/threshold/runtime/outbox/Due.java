package dev.threshold.runtime.outbox;

import dev.threshold.engine.core.Effect;
import java.util.Locale;
import java.util.Optional;

/** A message the outbox holds that is due now: a journey's message, or a carrier-required answer to a text. */
sealed interface Due {
    String tenant();

    String key();

    int attempts();

    /** The purpose as the delivery log records it: transactional, marketing or compliance. */
    String purpose();

    Optional<String> contact();

    /**
     * A journey's message, which the guardrails decide on.
     *
     * @param ended why its instance ended, when it ended after the message was written (a message still waiting
     *     then is withdrawn); empty while the instance runs, and for what the ending itself sent
     */
    record Journey(String tenant, String key, int attempts, Effect.SendMessage message, Optional<String> ended)
            implements Due {
        @Override
        public String purpose() {
            return message.purpose().name().toLowerCase(Locale.ROOT);
        }

        @Override
        public Optional<String> contact() {
            return message.recipient();
        }
    }

    /** An answer carriers require (STOP, HELP, START), sent at once to the number that wrote. */
    record Answer(String tenant, String key, int attempts, CarrierReply reply) implements Due {
        @Override
        public String purpose() {
            return CarrierReply.PURPOSE;
        }

        @Override
        public Optional<String> contact() {
            return reply.contact();
        }
    }
}
