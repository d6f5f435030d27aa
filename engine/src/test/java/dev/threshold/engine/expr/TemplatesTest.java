package dev.threshold.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import liqp.TemplateParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatesTest {
    static final Expressions.Scope SCOPE =
            new Expressions.Scope(Shape.open("e"), Shape.open("e"), ContactView.SHAPE, CommunityView.SHAPE);
    static final Map<String, Object> VARS = Map.of(
            "contact", Map.of("first_name", "Dana", "name", "Dana Reyes", "preferences", Map.of("bedrooms", 2L)),
            "community", Map.of("name", "Cedar Ridge", "links", Map.of("tour", "https://x/tour")),
            "event",
                    Map.of(
                            "score",
                            4L,
                            "rent",
                            1850.5,
                            "ok",
                            true,
                            "occurred_at",
                            Instant.parse("2027-03-01T16:00:00Z")),
            "results",
                    Map.of(
                            "matches",
                            Map.of(
                                    "count",
                                    2L,
                                    "units",
                                    List.of(
                                            Map.of("unit", "A-101", "rent", 1700L),
                                            Map.of("unit", "B-204", "rent", 1825L)))),
            "agent", Map.of());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Hi {{ contact.first_name }}, your {{ event.score }}/10 at {{ community.name }}.",
                "{{ agent.first_name | default: 'Our team' }} will call. {{ event.rent }} {{ event.ok }}",
                "{% if event.score <= 6 %}sorry{% else %}thanks{% endif %} {{ contact.name | upcase }}",
                "{% for u in results.matches.units %}{{ forloop.index }}. {{ u.unit }} at ${{ u.rent }}\n{% endfor %}",
                "{{ results.matches.units | size }} homes; first {{ results.matches.units.first.unit }}",
                "{% assign n = contact.preferences.bedrooms | plus: 1 %}{{ n }} rooms, {{ missing.value }}!",
                "Book: {{ community.links.tour }}?ref={{ contact.first_name | url_encode }}",
                "{{ event.occurred_at }}"
            })
    void rendering_from_prebuilt_nodes_gives_exactly_what_liqp_gives(String source) {
        TextTemplate ours = new Templates()
                .compile(source.replace("missing.value", "data.value"), SCOPE)
                .template()
                .orElseThrow();
        String liqp = new TemplateParser.Builder()
                .build()
                .parse(source.replace("missing.value", "data.value"))
                .render(VARS);

        assertThat(ours.render(VARS)).isEqualTo(liqp);
    }
}
