package dev.threshold.server.cli;

import dev.threshold.engine.journey.Category;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Trigger;
import dev.threshold.engine.load.LoadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code threshold journeys}: the library by category, the web of hand-offs as a graph, the library as the
 * Markdown document {@code docs/library.md}, or the journey format reference {@code docs/journey-format.md}
 * generated from the schema.
 */
@Command(
        name = "journeys",
        description = "List the journey library by category with each journey's trigger, goal and"
                + " hand-offs, print the web of hand-offs as a graph, or the whole library as Markdown"
                + " (docs/library.md), or the journey format reference generated from the schema"
                + " (docs/journey-format.md).")
public final class JourneysCommand implements Callable<Integer> {

    /** Graph formats. */
    enum Format {
        dot,
        mermaid
    }

    @Option(names = "--journeys", paramLabel = "DIR", description = "the journey library (default: the bundled one)")
    Path journeys;

    @Option(
            names = "--graph",
            paramLabel = "FORMAT",
            arity = "0..1",
            fallbackValue = "mermaid",
            description = "print the web of journeys: ${COMPLETION-CANDIDATES} (default mermaid)")
    Format graph;

    @Option(
            names = "--markdown",
            description = "print the library as the Markdown document docs/library.md: per journey its promise,"
                    + " audience, triggers, entry, goal, exits, hand-offs, settings, channels, tasks and map")
    boolean markdown;

    @Option(
            names = "--format-reference",
            description = "print the journey format reference docs/journey-format.md, generated from"
                    + " schema/journey.schema.json: every field, trigger kind and step kind with its type,"
                    + " whether it is required, its default and allowed values, and a complete example")
    boolean formatReference;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (graph != null && markdown) {
            spec.commandLine().getErr().println("journeys: --graph and --markdown are exclusive; pick one");
            return 2;
        }
        if (formatReference) {
            if (graph != null || markdown) {
                spec.commandLine()
                        .getErr()
                        .println("journeys: --format-reference prints the schema's reference on its own;"
                                + " drop --graph and --markdown");
                return 2;
            }
            String example;
            try {
                example = Files.readString(Workspace.folder("examples").resolve(FormatReference.EXAMPLE));
            } catch (IOException e) {
                spec.commandLine()
                        .getErr()
                        .println("journeys: cannot read the example examples/" + FormatReference.EXAMPLE + ": " + e);
                return 1;
            }
            out.print(FormatReference.render(FormatReference.schema(), example));
            out.flush();
            return 0;
        }
        JourneyLibrary library;
        try {
            library = Scenarios.library(journeys == null ? Workspace.journeys() : journeys);
        } catch (LoadException e) {
            Scenarios.printProblems(e, spec.commandLine().getErr());
            return 1;
        }
        List<Journey> all = library.latest();
        if (markdown) {
            out.print(LibraryMarkdown.render(all));
            out.flush();
            return 0;
        }
        if (graph != null) {
            out.print(graph == Format.dot ? dot(all) : mermaid(all));
            out.flush();
            return 0;
        }
        for (Category c : Category.values()) {
            List<Journey> in = all.stream().filter(j -> j.category() == c).toList();
            if (in.isEmpty()) {
                continue;
            }
            out.printf("%s (%d)%n", c.id().toUpperCase(Locale.ROOT), in.size());
            for (Journey j : in) {
                out.printf("  %-28s %s%n", j.id(), j.name());
                out.printf("  %-28s   trigger: %s%n", "", trigger(j));
                out.printf("  %-28s   goal:    %s%n", "", goal(j));
                if (!j.handoffTargets().isEmpty()) {
                    out.printf("  %-28s   hands off to: %s%n", "", String.join(", ", j.handoffTargets()));
                }
            }
            out.println();
        }
        return 0;
    }

    static String trigger(Journey j) {
        return j.triggers().stream()
                .map(t -> switch (t) {
                    case Trigger.OnEvent e ->
                        e.event() + e.when().map(w -> " when " + w.source()).orElse("");
                    case Trigger.OnDate d ->
                        d.date().source() + " " + d.offset().resolve(j.settings()) + " (from "
                                + String.join(", ", d.sources()) + ")";
                    case Trigger.OnAbsence a ->
                        "no " + a.event() + " for " + a.period().resolve(j.settings());
                    case Trigger.OnHistory h ->
                        h.rules().stream()
                                .map(r -> r.atLeast() + "x " + r.event() + " in " + r.within())
                                .collect(Collectors.joining(" and "));
                    case Trigger.OnFanout f ->
                        "each matching "
                                + String.join(
                                        "/",
                                        new java.util.TreeSet<>(f.audience().roles())) + " on " + f.event();
                })
                .collect(Collectors.joining("; or "));
    }

    static String goal(Journey j) {
        return j.goal()
                .map(g ->
                        g.events().stream().map(e -> e.event()).collect(Collectors.joining(g.all() ? " and " : " or "))
                                + g.within()
                                        .map(w -> " within " + w.resolve(j.settings()))
                                        .orElse(""))
                .orElse("(none)");
    }

    static String dot(List<Journey> all) {
        StringBuilder b = new StringBuilder("digraph journeys {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
        for (Category c : Category.values()) {
            List<Journey> in = all.stream().filter(j -> j.category() == c).toList();
            if (in.isEmpty()) {
                continue;
            }
            b.append("  subgraph cluster_")
                    .append(c.id())
                    .append(" {\n    label=\"")
                    .append(c.id())
                    .append("\";\n");
            in.forEach(j -> b.append("    \"").append(j.id()).append("\";\n"));
            b.append("  }\n");
        }
        for (Journey j : all) {
            for (String t : j.handoffTargets()) {
                b.append("  \"").append(j.id()).append("\" -> \"").append(t).append("\";\n");
            }
        }
        return b.append("}\n").toString();
    }

    static String mermaid(List<Journey> all) {
        StringBuilder b = new StringBuilder("flowchart LR\n");
        for (Category c : Category.values()) {
            List<Journey> in = all.stream().filter(j -> j.category() == c).toList();
            if (in.isEmpty()) {
                continue;
            }
            b.append("  subgraph ").append(c.id()).append('\n');
            in.forEach(j -> b.append("    ")
                    .append(j.id())
                    .append("[\"")
                    .append(j.name())
                    .append("\"]\n"));
            b.append("  end\n");
        }
        for (Journey j : all) {
            for (String t : j.handoffTargets()) {
                b.append("  ").append(j.id()).append(" --> ").append(t).append('\n');
            }
        }
        return b.toString();
    }
}
