package dev.threshold.engine.journey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a management company changes in journeys without editing them: settings (timings, offer limits,
 * task roles), message wording, the map's words, and whether a journey is on — for the whole company, a
 * portfolio, or one community. The most specific layer wins: tenant, then portfolio, then community.
 *
 * <pre>{@code
 * Map<String, Object> s = overrides.settings(journey, Optional.of("west"), Optional.of("cedar-ridge"));
 * }</pre>
 */
public record Overrides(Layer tenant, Map<String, Layer> portfolios, Map<String, Layer> communities) {

    /** One layer: per journey id, what it changes. */
    public record Layer(Map<String, JourneyOverride> journeys) {
        public Layer {
            journeys = Map.copyOf(journeys);
        }

        public static Layer empty() {
            return new Layer(Map.of());
        }
    }

    /**
     * A layer's changes to one journey.
     *
     * @param copy reworded messages: step id → channel → content
     * @param stages reworded map stages: stage id → field (action, motivation, emotions) → text
     */
    public record JourneyOverride(
            Optional<Boolean> enabled,
            Map<String, Object> settings,
            Map<String, Map<Channel, Step.Content>> copy,
            Map<String, Map<String, String>> stages) {
        public JourneyOverride {
            settings = Map.copyOf(settings);
            copy = Map.copyOf(copy);
            stages = Map.copyOf(stages);
        }
    }

    public Overrides {
        portfolios = Map.copyOf(portfolios);
        communities = Map.copyOf(communities);
    }

    public static Overrides none() {
        return new Overrides(Layer.empty(), Map.of(), Map.of());
    }

    /** The layers that apply to a community, least specific first. */
    private List<JourneyOverride> chain(String journey, Optional<String> portfolio, Optional<String> community) {
        java.util.ArrayList<JourneyOverride> out = new java.util.ArrayList<>();
        Optional.ofNullable(tenant.journeys().get(journey)).ifPresent(out::add);
        portfolio.map(portfolios::get).map(l -> l.journeys().get(journey)).ifPresent(out::add);
        community.map(communities::get).map(l -> l.journeys().get(journey)).ifPresent(out::add);
        return out;
    }

    /** The journey's settings with every layer applied. */
    public Map<String, Object> settings(Journey journey, Optional<String> portfolio, Optional<String> community) {
        List<JourneyOverride> chain = chain(journey.id(), portfolio, community);
        if (chain.isEmpty()) {
            return journey.settings();
        }
        Map<String, Object> s = new LinkedHashMap<>(journey.settings());
        chain.forEach(o -> s.putAll(o.settings()));
        return java.util.Collections.unmodifiableMap(s);
    }

    /** The most specific rewording of one channel of a send step, if any layer has one. */
    public Optional<Step.Content> copy(
            String journey, String step, Channel channel, Optional<String> portfolio, Optional<String> community) {
        Optional<Step.Content> found = Optional.empty();
        for (JourneyOverride o : chain(journey, portfolio, community)) {
            Step.Content c = o.copy().getOrDefault(step, Map.of()).get(channel);
            if (c != null) {
                found = Optional.of(c);
            }
        }
        return found;
    }

    /** Whether the most specific layer that says anything switches the journey on; empty when none does. */
    public Optional<Boolean> enabled(String journey, Optional<String> portfolio, Optional<String> community) {
        Optional<Boolean> found = Optional.empty();
        for (JourneyOverride o : chain(journey, portfolio, community)) {
            if (o.enabled().isPresent()) {
                found = o.enabled();
            }
        }
        return found;
    }

    /** A stage with the map's words as the community has them. */
    public Stage stage(String journey, Stage stage, Optional<String> portfolio, Optional<String> community) {
        Stage s = stage;
        for (JourneyOverride o : chain(journey, portfolio, community)) {
            Map<String, String> words = o.stages().get(stage.id());
            if (words != null) {
                s = new Stage(
                        s.id(),
                        words.getOrDefault("name", s.name()),
                        words.getOrDefault("action", s.action()),
                        words.getOrDefault("motivation", s.motivation()),
                        words.getOrDefault("emotions", s.emotions()),
                        s.questions(),
                        s.barriers());
            }
        }
        return s;
    }
}
