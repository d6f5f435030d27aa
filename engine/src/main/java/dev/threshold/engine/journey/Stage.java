package dev.threshold.engine.journey;

import java.util.List;

/**
 * A stage of a journey map, seen from the customer's side: what they do, why and how they feel, what
 * they want to know, and what slows or stops them. Every step belongs to one.
 */
public record Stage(
        String id,
        String name,
        String action,
        String motivation,
        String emotions,
        List<String> questions,
        List<String> barriers) {
    public Stage {
        questions = List.copyOf(questions);
        barriers = List.copyOf(barriers);
    }
}
