package dev.threshold.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapeTest {
    final Shape renewal =
            new Shape("renewal.signed", Map.of("monthly_rent", FieldType.DOUBLE, "term_months", FieldType.INT));

    @Test
    void a_whole_number_in_a_decimal_field_becomes_a_decimal_whatever_integer_type_the_parser_gave() {
        Map<String, Object> coerced = renewal.coerce(Map.of("monthly_rent", 1555, "term_months", 12L));

        assertThat(coerced.get("monthly_rent")).isEqualTo(1555.0);
        assertThat(coerced.get("term_months")).isEqualTo(12L);
    }

    @Test
    void a_whole_decimal_in_an_integer_field_becomes_an_integer() {
        assertThat(renewal.coerce(Map.of("term_months", 12.0)).get("term_months"))
                .isEqualTo(12L);
    }
}
