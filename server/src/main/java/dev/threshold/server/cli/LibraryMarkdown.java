package dev.threshold.server.cli;

import dev.threshold.engine.expr.Condition;
import dev.threshold.engine.journey.AudienceQuery;
import dev.threshold.engine.journey.Category;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.EntryRule;
import dev.threshold.engine.journey.ExitRule;
import dev.threshold.engine.journey.GoalRule;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Param;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.engine.journey.Stage;
import dev.threshold.engine.journey.Step;
import dev.threshold.engine.journey.Trigger;
import dev.threshold.engine.time.Span;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The journey library as a Markdown document ({@code docs/library.md}), for the people who choose which
 * journeys a community runs: per journey its promise, audience, triggers, entry rule, goal, exits,
 * hand-offs, settings, channels, tasks and map. Generated from the journey files only, in a stable order,
 * so the committed document can be checked against them.
 */
final class LibraryMarkdown {
    private LibraryMarkdown() {}

    /** The command that writes the document, as the document and the staleness check name it. */
    static final String COMMAND = "./threshold journeys --markdown > docs/library.md";

    static String render(List<Journey> all) {
        StringBuilder b = new StringBuilder();
        b.append("<!-- Generated from journeys/ by `").append(COMMAND).append("`; do not edit by hand. -->\n");
        b.append("# The journey library\n\n");
        b.append("*For property managers choosing the journeys a community runs, and for whoever tunes them.*\n\n");
        b.append("The ")
                .append(all.size())
                .append(" journeys that ship with Threshold, by category. Each says what it promises, whom it is for,")
                .append(" what starts it, when it counts as a success, what ends it early, whom it hands people")
                .append(" to, the settings a community may change without editing it (with their defaults), the")
                .append(" channels it writes on, the tasks it gives staff, and its journey map: the stages as the")
                .append(" customer lives them. How to write or change a journey:")
                .append(" [writing-journeys.md](writing-journeys.md); a community's own settings: its overrides")
                .append(
                        " ([writing-journeys.md](writing-journeys.md#overrides-the-same-journey-a-communitys-way)).\n\n");
        b.append("Durations: `m` minutes, `h` hours, `d` days, `w` weeks; business hours and days count only the")
                .append(" community's office hours and working days. Conditions are shown as the journey writes them")
                .append(
                        " (CEL); in a task's title, `‹contact.name›` stands for a value filled in for each person.\n\n");

        b.append("## The web of hand-offs\n\n");
        b.append("A journey hands a person to another when its own work is done or cannot succeed (a lost renewal")
                .append(" to a cancellation save, a lead with no fitting home to the sister communities).\n\n");
        b.append("```mermaid\n").append(JourneysCommand.mermaid(all)).append("```\n\n");

        b.append("## Contents\n\n");
        for (Category c : Category.values()) {
            List<Journey> in = in(all, c);
            if (in.isEmpty()) {
                continue;
            }
            b.append("- **").append(title(c)).append("**\n");
            for (Journey j : in) {
                b.append("  - [").append(j.name()).append("](#").append(j.id()).append(") — ");
                b.append(oneLine(j.promise())).append('\n');
            }
        }
        b.append('\n');

        for (Category c : Category.values()) {
            List<Journey> in = in(all, c);
            if (in.isEmpty()) {
                continue;
            }
            b.append("## ").append(title(c)).append("\n\n");
            for (Journey j : in) {
                journey(b, j, all);
            }
        }
        return b.toString();
    }

    private static List<Journey> in(List<Journey> all, Category c) {
        return all.stream().filter(j -> j.category() == c).toList();
    }

    private static String title(Category c) {
        return c.id().substring(0, 1).toUpperCase(Locale.ROOT) + c.id().substring(1);
    }

    private static void journey(StringBuilder b, Journey j, List<Journey> all) {
        b.append("<a id=\"").append(j.id()).append("\"></a>\n\n");
        b.append("### ").append(j.name()).append(" (`").append(j.id()).append("`)\n\n");
        b.append("> ").append(oneLine(j.promise())).append("\n\n");
        if (!j.description().isBlank()) {
            b.append(oneLine(j.description())).append("\n\n");
        }
        b.append("- **Audience:** ").append(audience(j)).append('\n');
        List<String> triggers = j.triggers().stream().map(t -> trigger(t, j)).toList();
        if (triggers.size() == 1) {
            b.append("- **Starts:** ").append(triggers.get(0)).append('\n');
        } else {
            b.append("- **Starts**, on any of:\n");
            triggers.forEach(t -> b.append("  - ").append(t).append('\n'));
        }
        b.append("- **Entry:** ").append(entry(j)).append('\n');
        if (!j.track().isEmpty()) {
            b.append("- **Keeps up to date with:** ").append(codes(j.track())).append('\n');
        }
        b.append("- **Goal:** ").append(goal(j)).append('\n');
        b.append("- **Ends early on:** ").append(exits(j)).append('\n');
        List<String> leaves = j.steps().stream()
                .filter(s -> s.kind() instanceof Step.Exit)
                .map(s -> {
                    Step.Exit e = (Step.Exit) s.kind();
                    return e.reason()
                            + e.barrier().map(r -> " (barrier: " + r + ")").orElse("");
                })
                .distinct()
                .toList();
        if (!leaves.isEmpty()) {
            b.append("- **Leaves by itself when:**\n");
            leaves.forEach(l -> b.append("  - ").append(l).append('\n'));
        }
        b.append("- **Hands off to:** ").append(links(j.handoffTargets())).append('\n');
        List<String> from = all.stream()
                .filter(o -> o.handoffTargets().contains(j.id()))
                .map(Journey::id)
                .toList();
        if (!from.isEmpty()) {
            b.append("- **Handed people by:** ").append(links(from)).append('\n');
        }
        if (!j.entry().handoffs()) {
            b.append("- **Hand-offs into it:** refused (only its own triggers start it)\n");
        }
        b.append("- **Channels:** ").append(channels(j)).append('\n');
        b.append("- **When staff take a person over:** ")
                .append(takeover(j.takeover()))
                .append('\n');
        b.append('\n');

        b.append("**Settings** a community may override").append(j.settings().isEmpty() ? ": none.\n\n" : ":\n\n");
        if (!j.settings().isEmpty()) {
            b.append("| setting | default |\n|---|---|\n");
            j.settings()
                    .forEach((k, v) -> b.append("| `")
                            .append(k)
                            .append("` | ")
                            .append(cell(String.valueOf(v)))
                            .append(" |\n"));
            b.append('\n');
        }

        List<Step.Task> tasks = j.steps().stream()
                .filter(s -> s.kind() instanceof Step.Task)
                .map(s -> (Step.Task) s.kind())
                .toList();
        b.append("**Tasks** it creates for staff").append(tasks.isEmpty() ? ": none.\n\n" : ":\n\n");
        if (!tasks.isEmpty()) {
            b.append("| role | task | due | escalated to |\n|---|---|---|---|\n");
            for (Step.Task t : tasks) {
                b.append("| ")
                        .append(cell(param(t.role(), j)))
                        .append(" | ")
                        .append(cell(readable(t.title().source())))
                        .append(" | ")
                        .append(cell(param(t.due(), j)))
                        .append(" | ")
                        .append(t.escalate()
                                .map(e -> cell(param(e.role(), j)) + " after " + cell(param(e.after(), j)))
                                .orElse("—"))
                        .append(" |\n");
            }
            b.append('\n');
        }

        b.append("**Journey map**\n\n");
        b.append("| stage | the customer's action | motivation | emotions | questions | barriers |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Stage s : j.stages()) {
            b.append("| ")
                    .append(cell(s.name()))
                    .append(" | ")
                    .append(cell(s.action()))
                    .append(" | ")
                    .append(cell(s.motivation()))
                    .append(" | ")
                    .append(cell(s.emotions()))
                    .append(" | ")
                    .append(cell(String.join("; ", s.questions())))
                    .append(" | ")
                    .append(cell(String.join("; ", s.barriers())))
                    .append(" |\n");
        }
        b.append('\n');
    }

    static String audience(Journey j) {
        Set<String> roles = new TreeSet<>(j.audience().roles());
        String who =
                roles.isEmpty() ? "anyone" : roles.stream().map(r -> r + "s").collect(Collectors.joining(", "));
        return who + j.audience().when().map(c -> ", when " + code(c)).orElse("");
    }

    /** One trigger in words: what has to happen for a person to enter. */
    static String trigger(Trigger t, Journey j) {
        return switch (t) {
            case Trigger.OnEvent e -> "when " + code(e.event()) + " arrives" + when(e.when());
            case Trigger.OnDate d -> {
                Span offset = d.offset().resolve(j.settings());
                String moment = offset.amount() == 0
                        ? "on"
                        : abs(offset) + setting(d.offset()) + (offset.amount() < 0 ? " before" : " after");
                yield moment + " the date " + code(d.date().source()) + " carried by "
                        + d.sources().stream().map(LibraryMarkdown::code).collect(Collectors.joining(" or "))
                        + d.at().map(at -> ", at " + at + " local time").orElse("")
                        + " (re-planned when a later one moves the date)"
                        + when(d.when());
            }
            case Trigger.OnAbsence a ->
                "when no " + code(a.event()) + " has arrived for " + a.period().resolve(j.settings())
                        + setting(a.period())
                        + (a.regularCount() > 0
                                ? " after regular use (at least " + a.regularCount() + " of them"
                                        + a.regularWithin()
                                                .map(w -> " within " + w)
                                                .orElse("") + ")"
                                : "");
            case Trigger.OnHistory h ->
                "when a person has had "
                        + h.rules().stream()
                                .map(r -> "at least " + r.atLeast() + " " + code(r.event())
                                        + r.when()
                                                .map(c -> " (" + code(c) + ")")
                                                .orElse("") + " within " + r.within())
                                .collect(Collectors.joining(" and "))
                        + when(h.when());
            case Trigger.OnFanout f -> {
                AudienceQuery q = f.audience();
                String roles =
                        new TreeSet<>(q.roles()).stream().map(r -> r + "s").collect(Collectors.joining(", "));
                String scope = switch (q.scope()) {
                    case COMMUNITY -> " of the event's community";
                    case PORTFOLIO -> " of the event's portfolio";
                    case ANY -> "";
                };
                String where = q.where().stream()
                        .map(c -> "`preferences." + c.preference() + "` " + op(c.op()) + " " + code(c.value()))
                        .collect(Collectors.joining(" and "));
                yield "when " + code(f.event()) + " arrives, for every one of the "
                        + (roles.isEmpty() ? "contacts" : roles)
                        + scope + q.inactiveFor().map(s -> " inactive for " + s).orElse("")
                        + (where.isEmpty() ? "" : " whose " + where) + when(f.when());
            }
        };
    }

    private static String op(AudienceQuery.Op op) {
        return switch (op) {
            case EQ -> "=";
            case GTE -> "≥";
            case LTE -> "≤";
        };
    }

    static String entry(Journey j) {
        EntryRule e = j.entry();
        String per = j.key()
                .map(k -> keyName(k.source()).map(n -> "per " + n).orElse("per key " + code(k)))
                .orElse("per person");
        return switch (e.reentry()) {
            case ONCE -> "once " + per + ", never again";
            case WHEN_DONE -> "again " + per + " once the previous run has ended";
            case AFTER ->
                "again " + per + " once the previous run has ended and "
                        + e.cooldown().map(Span::toString).orElse("?") + " have passed since it started";
            case ALWAYS -> "every trigger starts a run, even alongside a running one";
        };
    }

    static String goal(Journey j) {
        if (j.goal().isEmpty()) {
            return "none (the journey is a service, measured by its stages)";
        }
        GoalRule g = j.goal().get();
        String events = g.events().stream()
                .map(a -> code(a.event())
                        + a.when().map(c -> " (" + code(c) + ")").orElse(""))
                .collect(Collectors.joining(g.all() ? " and " : " or "));
        StringBuilder s = new StringBuilder(events);
        g.within()
                .ifPresent(w -> s.append(" within ")
                        .append(w.resolve(j.settings()))
                        .append(setting(w))
                        .append(" of entry"));
        g.value().ifPresent(v -> s.append("; worth ").append(code(v)));
        if (g.continueAfter()) {
            s.append("; the journey goes on after it");
        }
        return s.toString();
    }

    static String exits(Journey j) {
        if (j.exits().isEmpty()) {
            return "nothing (it runs to its end)";
        }
        List<String> out = new ArrayList<>();
        for (ExitRule x : j.exits()) {
            out.add(code(x.event())
                    + when(x.when())
                    + x.barrier().map(r -> " (" + r + ")").orElse(""));
        }
        return String.join("; ", out);
    }

    static String channels(Journey j) {
        Set<Channel> used = EnumSet.noneOf(Channel.class);
        int messages = 0;
        int marketing = 0;
        int toStaff = 0;
        List<String> webhooks = new ArrayList<>();
        for (Step s : j.steps()) {
            switch (s.kind()) {
                case Step.Send send -> {
                    used.addAll(send.channels());
                    messages++;
                    if (send.purpose() == Purpose.MARKETING) {
                        marketing++;
                    }
                    if (send.to() instanceof Step.Recipient.Staff) {
                        toStaff++;
                    }
                }
                case Step.Webhook w -> webhooks.add(code(w.endpoint()));
                default -> {}
            }
        }
        if (used.isEmpty() && webhooks.isEmpty()) {
            return "none (no messages)";
        }
        StringBuilder b = new StringBuilder();
        if (!used.isEmpty()) {
            b.append(used.stream().map(Channel::id).collect(Collectors.joining(", ")));
            b.append(" — ")
                    .append(messages)
                    .append(messages == 1 ? " message" : " messages")
                    .append(", ")
                    .append(
                            marketing == 0
                                    ? "all transactional"
                                    : marketing + " of them marketing (sent only with marketing consent)");
            if (toStaff > 0) {
                b.append(", ").append(toStaff).append(" to staff");
            }
        }
        if (!webhooks.isEmpty()) {
            b.append(used.isEmpty() ? "" : "; ")
                    .append("webhook ")
                    .append(String.join(", ", webhooks.stream().distinct().toList()));
        }
        return b.toString();
    }

    private static final Pattern SUBJECT_KEY = Pattern.compile("event\\.subject\\.(\\w+)");
    private static final Pattern EVENT_FIELD = Pattern.compile("event\\.(\\w+)");

    /** What an instance key counts, in words: the subject it names ("lease", "work order"), if it names one. */
    static Optional<String> keyName(String key) {
        Matcher m = SUBJECT_KEY.matcher(key);
        String field = null;
        if (m.find()) {
            field = m.group(1);
        } else {
            m = EVENT_FIELD.matcher(key);
            while (m.find()) {
                field = m.group(1);
            }
        }
        return Optional.ofNullable(field).map(f -> f.replaceAll("_id$", "").replace('_', ' '));
    }

    private static final Pattern TAG = Pattern.compile("\\{%-?\\s*(\\w+)[^%]*%}");
    private static final Pattern OUTPUT = Pattern.compile("\\{\\{-?\\s*([^|}]+?)\\s*(\\|[^}]*)?-?}}");

    /**
     * A Liquid template made readable: each value as ‹its name›, {@code if} blocks shown with their text,
     * and the rest cut at the first other tag ({@code else}, {@code assign}…), whose result no reader can
     * guess.
     */
    static String readable(String template) {
        String t = oneLine(template);
        Matcher m = TAG.matcher(t);
        while (m.find()) {
            if (!m.group(1).equals("if") && !m.group(1).equals("endif")) {
                t = t.substring(0, m.start()).strip() + " …";
                break;
            }
        }
        t = TAG.matcher(t).replaceAll("");
        return OUTPUT.matcher(t).replaceAll(r -> Matcher.quoteReplacement("‹" + r.group(1) + "›"));
    }

    private static String takeover(Journey.Takeover t) {
        return switch (t) {
            case PAUSE -> "its messages pause";
            case CONTINUE -> "its messages go on";
            case END -> "the journey ends";
        };
    }

    /** A parameter's value under the journey's defaults, naming the setting it comes from. */
    private static String param(Param<?> p, Journey j) {
        return p.resolve(j.settings()) + setting(p);
    }

    private static String setting(Param<?> p) {
        return p instanceof Param.FromSetting<?> s ? " (setting `" + s.name() + "`)" : "";
    }

    private static Span abs(Span s) {
        return new Span(Math.abs(s.amount()), s.unit(), s.business());
    }

    private static String when(Optional<Condition> c) {
        return c.map(x -> ", if " + code(x)).orElse("");
    }

    private static String links(List<String> ids) {
        return ids.isEmpty()
                ? "none"
                : ids.stream().map(id -> "[`" + id + "`](#" + id + ")").collect(Collectors.joining(", "));
    }

    private static String codes(List<String> names) {
        return names.stream().map(LibraryMarkdown::code).collect(Collectors.joining(", "));
    }

    private static String code(Condition c) {
        return code(c.source());
    }

    /** Inline code that survives backticks in the text and sits on one line. */
    private static String code(String text) {
        String t = oneLine(text);
        return t.contains("`") ? "`` " + t + " ``" : "`" + t + "`";
    }

    /** Folds a YAML block (or any text) onto one line. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Text fit for a table cell: one line, pipes escaped. */
    private static String cell(String text) {
        String t = oneLine(text).replace("|", "\\|");
        return t.isEmpty() ? "—" : t;
    }
}
