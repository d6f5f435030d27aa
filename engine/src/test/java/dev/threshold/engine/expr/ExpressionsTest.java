package dev.threshold.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.event.EventType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
    static final Shape LEAD =
            EventCatalog.builtIn().find("lead.created").map(EventType::shape).orElseThrow();
    static final Expressions.Scope SCOPE = new Expressions.Scope(LEAD, LEAD, ContactView.SHAPE, CommunityView.SHAPE);
    final Expressions expressions = new Expressions();

    static Map<String, Object> vars(Map<String, Object> event) {
        Map<String, Object> v = new HashMap<>();
        v.put("event", event);
        return v;
    }

    @Test
    void has_tells_whether_an_optional_event_field_was_given() {
        Condition c = expressions
                .compile("has(event.bedrooms) && event.bedrooms >= 2", SCOPE, Expressions.Expect.BOOL)
                .condition()
                .orElseThrow();

        assertThat(c.test(vars(Map.of("source", "ils")))).isFalse();
        assertThat(c.test(vars(Map.of("source", "ils", "bedrooms", 2L)))).isTrue();
    }

    @Test
    void a_cel_null_comes_out_as_absent_not_as_text() {
        Condition c = expressions
                .compile("has(event.bedrooms) ? dyn(event.bedrooms) : dyn(null)", SCOPE, Expressions.Expect.ANY)
                .condition()
                .orElseThrow();

        assertThat(Values.normalize(c.evaluate(vars(Map.of("source", "ils"))))).isNull();
        assertThat(Values.normalize(c.evaluate(vars(Map.of("bedrooms", 3L))))).isEqualTo(3L);
    }
}
