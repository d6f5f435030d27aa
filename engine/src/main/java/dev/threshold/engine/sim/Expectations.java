package dev.threshold.engine.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a run's lines against a scenario's expectations; each failure says which and what was seen. */
public final class Expectations {
    private Expectations() {}

    public static List<String> failures(Scenario scenario, List<SimLine> lines) {
        List<String> failures = new ArrayList<>();
        for (Scenario.Expectation x : scenario.expectations()) {
            List<SimLine> matching = lines.stream().filter(l -> matches(x, l)).toList();
            String what = describe(x);
            if (x.none() && !matching.isEmpty()) {
                failures.add(scenario.file() + ":" + x.line() + ": expected no line with " + what + ", found "
                        + matching.size() + ", first: " + matching.get(0).toJson());
            } else if (x.count().isPresent() && matching.size() != x.count().getAsInt()) {
                failures.add(scenario.file() + ":" + x.line() + ": expected "
                        + x.count().getAsInt() + " line(s) with " + what + ", found " + matching.size()
                        + near(x, lines));
            } else if (!x.none() && x.count().isEmpty() && matching.isEmpty()) {
                failures.add(scenario.file() + ":" + x.line() + ": expected a line with " + what + ", found none"
                        + near(x, lines));
            }
        }
        return failures;
    }

    static boolean matches(Scenario.Expectation x, SimLine line) {
        for (Map.Entry<String, String> f : x.fields().entrySet()) {
            String have = line.get(f.getKey()).orElse(null);
            if (have == null) {
                return false;
            }
            boolean prefix = f.getKey().equals("at")
                    || f.getKey().equals("due")
                    || f.getKey().equals("until");
            if (prefix ? !have.startsWith(f.getValue()) : !have.equals(f.getValue())) {
                return false;
            }
        }
        if (x.text().isPresent()) {
            String body = line.get("body").orElse("") + " "
                    + line.get("subject").orElse("") + " " + line.get("title").orElse("");
            return body.contains(x.text().get());
        }
        return true;
    }

    private static String describe(Scenario.Expectation x) {
        StringBuilder b = new StringBuilder(x.fields().toString());
        x.text().ifPresent(t -> b.append(" text~'").append(t).append('\''));
        return b.toString();
    }

    /** Lines of the same type and step, to show what came instead. */
    private static String near(Scenario.Expectation x, List<SimLine> lines) {
        List<String> near = lines.stream()
                .filter(l -> x.fields().getOrDefault("type", l.type()).equals(l.type()))
                .filter(l -> !x.fields().containsKey("step")
                        || x.fields().get("step").equals(l.step()))
                .limit(3)
                .map(SimLine::toJson)
                .toList();
        return near.isEmpty() ? "" : "; nearest: " + String.join(" | ", near);
    }
}
