package dev.threshold.engine.expr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import liqp.Template;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;
import liqp.org.antlr.v4.runtime.ParserRuleContext;
import liqp.org.antlr.v4.runtime.tree.ParseTree;
import liquid.parser.v4.LiquidParser;

/**
 * Parses the Liquid templates of journeys and checks, before anyone is waiting for a message, that they
 * use only the variables a template can see: {@code contact}, {@code community}, {@code event},
 * {@code trigger}, {@code data}, {@code results}, {@code settings}, {@code instance}, {@code agent},
 * {@code links} and {@code now}, and only known fields of the contact, the community and the event.
 * File includes are refused: a template reads nothing from disk.
 */
public final class Templates {

    /** The variables every template may use. */
    public static final Set<String> ROOTS = Set.of(
            "contact",
            "community",
            "event",
            "trigger",
            "data",
            "results",
            "settings",
            "instance",
            "agent",
            "links",
            "now",
            "recipient");

    /** One problem with a template, at a line and column inside its text (both from 1). */
    public record Issue(int line, int column, String message) {}

    /** A template, or the issues that prevented it. */
    public record Compilation(Optional<TextTemplate> template, List<Issue> issues) {
        public Compilation {
            issues = List.copyOf(issues);
        }
    }

    private final TemplateParser parser = new TemplateParser.Builder()
            .withMaxIterations(10_000)
            .withMaxSizeRenderedString(256 * 1024)
            .withMaxTemplateSizeBytes(64 * 1024)
            .build();

    public Compilation compile(String source, Expressions.Scope scope) {
        Template template;
        try {
            template = parser.parse(source);
        } catch (LiquidException e) {
            return new Compilation(
                    Optional.empty(),
                    List.of(new Issue(Math.max(1, e.line), e.charPositionInLine + 1, cleanMessage(e.getMessage()))));
        } catch (RuntimeException e) {
            return new Compilation(Optional.empty(), List.of(new Issue(1, 1, cleanMessage(e.getMessage()))));
        }
        List<Issue> issues = new ArrayList<>();
        Set<String> roots = new java.util.TreeSet<>();
        new Checker(source, scope, issues, roots).walk(template.getParseTree(), new HashSet<>());
        return issues.isEmpty()
                ? new Compilation(Optional.of(new TextTemplate(source, template, parser, roots)), List.of())
                : new Compilation(Optional.empty(), issues);
    }

    private static String cleanMessage(String message) {
        if (message == null) {
            return "the template does not parse";
        }
        String m = message.replace("parser error ", "")
                .replaceAll("\\s+on line \\d+, index \\d+\\s*$", "")
                .strip();
        if (m.startsWith("\"") && m.endsWith("\"")) {
            m = m.substring(1, m.length() - 1);
        }
        return "the template does not parse: " + m;
    }

    private record Checker(String source, Expressions.Scope scope, List<Issue> issues, Set<String> roots) {

        void walk(ParseTree node, Set<String> locals) {
            if (node instanceof LiquidParser.Include_tagContext
                    || node instanceof LiquidParser.Include_relative_tagContext) {
                report((ParserRuleContext) node, "include", "templates may not include files");
                return;
            }
            if (node instanceof LiquidParser.AssignmentContext a) {
                locals.add(a.id().getText());
            } else if (node instanceof LiquidParser.Capture_tag_IdContext c) {
                locals.add(c.id().getText());
            } else if (node instanceof LiquidParser.For_arrayContext f) {
                locals.add(f.id().getText());
                locals.add("forloop");
            } else if (node instanceof LiquidParser.For_rangeContext f) {
                locals.add(f.id().getText());
                locals.add("forloop");
            } else if (node instanceof LiquidParser.Lookup_id_indexesContext lookup) {
                check(lookup, locals);
            }
            for (int i = 0; i < node.getChildCount(); i++) {
                walk(node.getChild(i), locals);
            }
        }

        private void check(LiquidParser.Lookup_id_indexesContext lookup, Set<String> locals) {
            String root = lookup.id().getText();
            if (locals.contains(root)) {
                return;
            }
            roots.add(root);
            if (!ROOTS.contains(root)) {
                report(
                        lookup,
                        root,
                        "unknown variable '" + root + "'; a template can use "
                                + String.join(", ", ROOTS.stream().sorted().toList()));
                return;
            }
            Optional<Shape> shape = switch (root) {
                case "contact" -> Optional.of(scope.contact());
                case "community" -> Optional.of(scope.community());
                case "event" -> Optional.of(scope.event());
                case "trigger" -> Optional.of(scope.trigger());
                default -> Optional.empty();
            };
            if (shape.isEmpty()
                    || shape.get().open()
                    || lookup.index().isEmpty()
                    || lookup.index(0).id2() == null) {
                return;
            }
            String field = lookup.index(0).id2().getText();
            if (shape.get().field(field).isEmpty() && !isFilterLikeProperty(field)) {
                report(
                        lookup,
                        root + "." + field,
                        "unknown field '" + field + "' of " + root + "; known fields: "
                                + String.join(
                                        ", ",
                                        shape.get().fields().keySet().stream()
                                                .sorted()
                                                .toList()));
            }
        }

        private static boolean isFilterLikeProperty(String field) {
            return field.equals("size") || field.equals("first") || field.equals("last");
        }

        private void report(ParserRuleContext ctx, String text, String message) {
            int line = ctx.getStart().getLine();
            issues.add(new Issue(line, columnOf(line, text), message));
        }

        /** liqp's lexer columns are not reliable across its modes, so find the text on its line instead. */
        private int columnOf(int line, String text) {
            String[] lines = source.split("\n", -1);
            if (line < 1 || line > lines.length) {
                return 1;
            }
            int at = lines[line - 1].indexOf(text);
            return at < 0 ? 1 : at + 1;
        }
    }
}
