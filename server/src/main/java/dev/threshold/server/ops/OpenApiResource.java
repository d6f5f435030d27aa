package dev.threshold.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.threshold.server.http.Resource;
import dev.threshold.server.http.Routes;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the API's description, {@code schema/openapi.yaml} (written by hand: Javalin 7's OpenAPI plugin is not
 * on Maven Central), as JSON at {@code /openapi.json}. A test keeps it true to the routes.
 */
public final class OpenApiResource implements Resource {
    public static final String LOCATION = "schema/openapi.yaml";

    private final byte[] json;

    public OpenApiResource() {
        try {
            this.json = new ObjectMapper().writeValueAsBytes(document());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API document as JSON", e);
        }
    }

    /** The document as bundled. */
    public static JsonNode document() {
        try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is not on the class path");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
    }

    @Override
    public void register(Routes routes) {
        routes.open(
                HandlerType.GET,
                "/openapi.json",
                ctx -> ctx.contentType("application/json").result(json));
    }
}
