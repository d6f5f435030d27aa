package dev.threshold.engine.journey;

/**
 * Why a message is sent. A transactional message (a tour confirmation, a work-order update) answers
 * something the person did and is never frequency-capped; a marketing message needs consent for
 * marketing on its channel, and on SMS that consent must be express.
 */
public enum Purpose {
    TRANSACTIONAL,
    MARKETING
}
