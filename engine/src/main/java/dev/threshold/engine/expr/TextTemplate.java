package dev.threshold.engine.expr;

import java.util.Map;
import liqp.Template;

/**
 * A compiled Liquid template of a journey (a message body, a subject, a task title). Parsed and checked
 * once, when the journey is loaded; a variable that is absent at render time renders as empty text.
 */
public final class TextTemplate {
    private final String source;
    private final Template template;

    TextTemplate(String source, Template template) {
        this.source = source;
        this.template = template;
    }

    public String source() {
        return source;
    }

    public String render(Map<String, Object> variables) {
        try {
            return template.render(variables);
        } catch (RuntimeException e) {
            throw new ExpressionException("template failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
