package dev.threshold.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * How the API reads and writes JSON. Reading is strict and bounded (no duplicate keys, no trailing content, at
 * most 64 levels of nesting, numbers of at most 100 digits), so hostile input costs little and fails clearly.
 * Writing uses snake_case names, ISO-8601 times and leaves absent values out.
 */
public final class Json {
    private static final ObjectMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxNumberLength(100)
                            .maxStringLength(8 * 1024 * 1024)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectMapper WRITER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {}

    /** Parses a request body; broken JSON is a 400 that says where it broke. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiError.malformed("the request body is empty; expected a JSON document");
        }
        try {
            return READER.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiError.malformed("the body is not valid JSON" + where + ": " + reason(e));
        } catch (IOException e) {
            throw ApiError.malformed("the body could not be read as JSON");
        }
    }

    /** Jackson's own words about what broke, without the echo of the input it sometimes adds. */
    private static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        for (String noise : new String[] {"\n", " (start marker", " at [Source"}) {
            int cut = m.indexOf(noise);
            m = cut < 0 ? m : m.substring(0, cut);
        }
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    /** Writes a response value. */
    public static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response could not be written as JSON", e);
        }
    }

    /** The response mapper, for turning values into trees. */
    public static ObjectMapper mapper() {
        return WRITER;
    }
}
