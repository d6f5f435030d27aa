package dev.threshold.engine.expr;

import java.util.Map;
import liqp.Template;
import liqp.TemplateContext;
import liqp.TemplateParser;
import liqp.nodes.LNode;
import liqp.parser.v4.NodeVisitor;
import liqp.spi.BasicTypesSupport;

/**
 * A compiled Liquid template of a journey (a message body, a subject, a task title). Parsed and checked
 * once, when the journey is loaded; a variable that is absent at render time renders as empty text.
 *
 * <p>liqp turns its parse tree into render nodes, and converts the variables through Jackson, on every
 * render, and keeps the last context in the template. Here the nodes are built once, the variables (already
 * plain values, see {@link Values}) are given as they are, and every render gets a context of its own, so
 * one template renders from many threads. {@code TemplatesTest} checks the output is liqp's own.
 */
public final class TextTemplate {
    private final String source;
    private final TemplateParser parser;
    private final LNode root;
    private final String[] variables;

    TextTemplate(String source, Template template, TemplateParser parser, java.util.Set<String> variables) {
        this.source = source;
        this.parser = parser;
        this.variables = variables.toArray(String[]::new);
        this.root = new NodeVisitor(parser.insertions, parser.filters, parser.liquidStyleInclude)
                .visit(template.getParseTree());
    }

    public String source() {
        return source;
    }

    public String render(Map<String, Object> variables) {
        try {
            BasicTypesSupport.clearReferences();
            // the context copies what it is given: give it only the variables this template reads
            Map<String, Object> used = new java.util.HashMap<>(this.variables.length * 2 + 1);
            for (String name : this.variables) {
                Object value = variables.get(name);
                if (value != null) {
                    used.put(name, value);
                }
            }
            TemplateContext context = new TemplateContext(parser, used);
            Object rendered = root.render(context);
            return String.valueOf(parser.getRenderTransformer().transformObject(context, rendered));
        } catch (RuntimeException e) {
            throw new ExpressionException("template failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
