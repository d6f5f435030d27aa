package dev.threshold.server.api.journeys;

import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Stage;
import dev.threshold.engine.journey.Step;
import dev.threshold.engine.journey.Trigger;
import dev.threshold.engine.load.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A journey as the API shows it: what it is, what starts it, its map's stages and its steps. */
final class JourneyJson {
    private JourneyJson() {}

    static Map<String, Object> summary(Journey j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("version", j.version());
        m.put("name", j.name());
        m.put("category", j.category().id());
        m.put("promise", j.promise());
        TreeSet<String> events = new TreeSet<>();
        j.triggers().stream().map(Trigger::events).forEach(events::addAll);
        m.put("trigger_events", List.copyOf(events));
        return m;
    }

    static Map<String, Object> detail(Journey j, List<Integer> versions) {
        Map<String, Object> m = summary(j);
        m.put("description", j.description());
        m.put("versions", versions);
        m.put("stages", j.stages().stream().map(JourneyJson::stage).toList());
        m.put("steps", j.steps().stream().map(JourneyJson::step).toList());
        m.put("settings", j.settings());
        return m;
    }

    private static Map<String, Object> stage(Stage s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("action", s.action());
        m.put("barriers", s.barriers());
        return m;
    }

    private static Map<String, Object> step(Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("stage", s.stage());
        m.put("kind", s.kindName());
        s.next().ifPresent(n -> m.put("next", n));
        return m;
    }

    static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", p.line());
        m.put("column", p.column());
        m.put("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
        m.put("message", p.message());
        return m;
    }
}
