package dev.threshold.server.cli;

import dev.threshold.domain.scenario.ScenarioRecords;
import dev.threshold.engine.core.Engine;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.engine.load.LoadException;
import dev.threshold.engine.load.Problem;
import dev.threshold.engine.sim.Expectations;
import dev.threshold.engine.sim.Scenario;
import dev.threshold.engine.sim.ScenarioLoader;
import dev.threshold.engine.sim.SimLine;
import dev.threshold.engine.sim.Simulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Loading a library and running scenarios on it, shared by {@code simulate} and {@code demo}. */
final class Scenarios {
    private Scenarios() {}

    /** The journeys under a folder, or the exception listing every problem. */
    static JourneyLibrary library(Path journeys) throws LoadException {
        return library(List.of(journeys));
    }

    /** The journeys under several folders (the library and the examples), or every problem. */
    static JourneyLibrary library(List<Path> folders) throws LoadException {
        JourneyLoader.LoadedLibrary loaded = Workspace.loader().loadAll(folders, java.util.Set.of());
        return loaded.orThrow();
    }

    static Simulator simulator(JourneyLibrary library) {
        return new Simulator(new Engine(library, Workspace.actions()), Guardrails.defaults(), new ScenarioRecords());
    }

    /** Runs one scenario; returns the failed expectations. */
    static List<String> run(Simulator simulator, Path file, Consumer<SimLine> out) throws LoadException {
        Scenario scenario = new ScenarioLoader(Workspace.events(), simulator.library()).load(file);
        Simulator.Simulation run = simulator.run(scenario, out);
        return Expectations.failures(scenario, run.lines());
    }

    static void printProblems(LoadException e, PrintWriter err) {
        for (Problem p : e.problems()) {
            err.println(p);
        }
    }

    /** A line for people: local time, who, journey, what. */
    static String text(SimLine l) {
        StringBuilder b = new StringBuilder();
        b.append(l.localTime().replace('T', ' '), 0, 16).append("  ");
        b.append(pad(l.contact(), 10)).append(' ');
        b.append(pad(l.journey(), 28)).append(' ');
        b.append(pad(l.type(), 11)).append(' ');
        Map<String, Object> f = l.fields();
        switch (l.type()) {
            case "message" ->
                b.append(f.get("channel"))
                        .append(" (")
                        .append(l.step())
                        .append("): ")
                        .append(oneLine(String.valueOf(f.getOrDefault("subject", f.get("body")))));
            case "deferred" ->
                b.append(f.get("channel"))
                        .append(" (")
                        .append(l.step())
                        .append(") until ")
                        .append(f.get("until"))
                        .append(": ")
                        .append(f.get("reason"));
            case "skipped" -> b.append(l.step()).append(": ").append(f.get("reason"));
            case "task", "escalated" ->
                b.append(f.get("role"))
                        .append(": ")
                        .append(f.get("title"))
                        .append(" (due ")
                        .append(f.get("due"))
                        .append(')');
            case "exit" ->
                b.append(f.get("status"))
                        .append(": ")
                        .append(f.get("reason"))
                        .append(f.containsKey("barrier") ? " [barrier: " + f.get("barrier") + "]" : "");
            case "stage" -> b.append(f.get("stage"));
            case "handoff" -> b.append("to ").append(f.get("to"));
            case "timer" -> b.append(f.get("kind")).append(" due ").append(f.get("due"));
            default -> b.append(l.step().isEmpty() ? "" : l.step() + " ").append(f);
        }
        return b.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 110 ? t.substring(0, 107) + "..." : t;
    }
}
