package dev.threshold.server.dashboard.journey;

import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A journey's steps as a graph for Cytoscape: a node per step (its kind, stage and how often it ran), an edge
 * for each way on — the next step, each branch arm and split variant, an awaited event and its timeout, an
 * action's error path — and a node for each journey it hands people to.
 */
final class FlowGraph {
    private FlowGraph() {}

    /** One edge, also listed in the table beside the graph. */
    record Edge(String from, String to, String label) {}

    static Map<String, Object> of(Journey j, Map<String, Long> runs) {
        List<Object> elements = new ArrayList<>();
        for (Step s : j.steps()) {
            long n = runs.getOrDefault(s.id(), 0L);
            elements.add(Map.of(
                    "data",
                    Map.of(
                            "id",
                            "step:" + s.id(),
                            "label",
                            s.id() + "\n" + s.kindName() + " · " + n,
                            "kind",
                            s.kindName(),
                            "stage",
                            s.stage())));
        }
        int i = 0;
        for (Edge e : edges(j)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", "e" + i++);
            data.put("source", "step:" + e.from());
            data.put("target", e.to().startsWith("journey:") ? e.to() : "step:" + e.to());
            data.put("label", e.label());
            data.put("weight", 1.5);
            if (e.to().startsWith("journey:")) {
                elements.add(Map.of(
                        "data", Map.of("id", e.to(), "label", "→ " + e.to().substring(8), "kind", "journey-out")));
            }
            elements.add(Map.of("data", data));
        }
        return Map.of("elements", elements);
    }

    static List<Edge> edges(Journey j) {
        List<Edge> out = new ArrayList<>();
        for (Step s : j.steps()) {
            Optional<String> following = j.following(s).map(Step::id);
            switch (s.kind()) {
                case Step.Branch b ->
                    b.arms()
                            .forEach(a -> out.add(new Edge(
                                    s.id(), a.then(), a.when().map(c -> "when").orElse("otherwise"))));
                case Step.Split sp ->
                    sp.variants().forEach(v -> out.add(new Edge(s.id(), v.then(), "variant " + v.id())));
                case Step.WaitFor w -> {
                    for (Step.Awaited a : w.events()) {
                        a.then().or(() -> following).ifPresent(t -> out.add(new Edge(s.id(), t, a.event())));
                    }
                    w.onTimeout().ifPresent(t -> out.add(new Edge(s.id(), t, "timeout")));
                }
                case Step.Action a -> {
                    following.ifPresent(t -> out.add(new Edge(s.id(), t, "")));
                    a.onError().ifPresent(t -> out.add(new Edge(s.id(), t, "error")));
                }
                case Step.Handoff h -> {
                    out.add(new Edge(s.id(), "journey:" + h.journey(), "hand-off"));
                    following.ifPresent(t -> out.add(new Edge(s.id(), t, "")));
                }
                case Step.Exit e -> {
                    // the end of the road
                }
                default -> following.ifPresent(t -> out.add(new Edge(s.id(), t, s.waits() ? "after the wait" : "")));
            }
        }
        return out;
    }
}
