package dev.threshold.server.api.property;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.threshold.domain.money.Money;
import dev.threshold.server.http.ApiError;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.stream.Collectors;

/**
 * Property records as the API shows and takes them: the domain's records with snake_case names, amounts of money as
 * decimal numbers of dollars ({@code 1465.50}), enum values in lower case, dates as ISO-8601. Reading is strict: an
 * unknown field, a wrong type or a value the record refuses is a 422 naming the field.
 */
final class PropertyJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("money")
                    .addSerializer(Money.class, new MoneyWriter())
                    .addDeserializer(Money.class, new MoneyReader()))
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private PropertyJson() {}

    static JsonNode write(Object record) {
        return MAPPER.valueToTree(record);
    }

    /** The record the node describes, or a 422 that says which field is wrong and how. */
    static <T> T read(ObjectNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage()
                    : "the values do not make a valid " + type.getSimpleName();
            throw ApiError.invalid("(body)", message);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            String why = expected(e);
            throw ApiError.invalid(path.isEmpty() ? "(body)" : path, why.length() > 300 ? why.substring(0, 300) : why);
        } catch (IOException | IllegalArgumentException e) {
            throw ApiError.invalid("(body)", "the values do not make a valid " + type.getSimpleName());
        }
    }

    /** What the field should have held, in the caller's words rather than Java's. */
    private static String expected(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "is not a field here";
        }
        Class<?> target =
                e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m ? m.getTargetType() : null;
        if (target == null) {
            String own = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            return own.startsWith("an ") ? "expected " + own : "has a value of the wrong type or format";
        }
        if (target.isEnum()) {
            return "expected one of "
                    + java.util.Arrays.stream(target.getEnumConstants())
                            .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                            .toList();
        }
        return "expected "
                + switch (target.getSimpleName()) {
                    case "String" -> "a string";
                    case "ArrayList", "List", "Set", "HashSet", "LinkedHashSet" -> "a list";
                    case "int", "Integer", "long", "Long", "OptionalInt" -> "a whole number";
                    case "double", "Double", "BigDecimal", "Money" -> "a number";
                    case "boolean", "Boolean" -> "true or false";
                    case "LocalDate" -> "a date such as 2027-03-01";
                    case "Instant" -> "a date-time such as 2027-03-01T09:00:00Z";
                    case "ZoneId" -> "a time zone such as America/Denver";
                    case "LocalTime" -> "a time such as 09:00";
                    default -> "an object of the documented shape";
                };
    }

    private static final class MoneyWriter extends StdSerializer<Money> {
        private static final long serialVersionUID = 1L;

        MoneyWriter() {
            super(Money.class);
        }

        @Override
        public void serialize(Money value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(value.toNumber());
        }
    }

    private static final class MoneyReader extends StdDeserializer<Money> {
        private static final long serialVersionUID = 1L;

        MoneyReader() {
            super(Money.class);
        }

        @Override
        public Money deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (!p.currentToken().isNumeric()) {
                return (Money) ctx.handleUnexpectedToken(Money.class, p);
            }
            BigDecimal amount = p.getDecimalValue();
            if (amount.abs().compareTo(new BigDecimal("1000000000")) > 0) {
                throw JsonMappingException.from(p, "an amount of money from -1000000000 to 1000000000");
            }
            try {
                return Money.of(amount);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, "an amount in dollars and cents, at most two decimals");
            }
        }
    }
}
