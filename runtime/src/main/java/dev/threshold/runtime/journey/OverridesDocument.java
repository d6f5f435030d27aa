package dev.threshold.runtime.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Map;
import java.util.Optional;

/**
 * Edits an overrides document (tenant, portfolios, communities) the way the API and tests change one journey's
 * settings at one layer, keeping everything else in it. Comments of a hand-written document do not survive an
 * edit; the document stays valid YAML in the same shape.
 */
final class OverridesDocument {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private OverridesDocument() {}

    /** The document with these settings of a journey set at the tenant's layer or a community's. */
    static String withSettings(String document, String journey, Optional<String> community, Map<String, Object> set) {
        ObjectNode root = parse(document);
        ObjectNode layer =
                community.isPresent() ? object(object(root, "communities"), community.get()) : object(root, "tenant");
        ObjectNode settings = object(object(layer, journey), "settings");
        set.forEach((k, v) -> settings.set(k, YAML.valueToTree(v)));
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an overrides document could not be written", e);
        }
    }

    private static ObjectNode parse(String document) {
        if (document.isBlank()) {
            return YAML.createObjectNode();
        }
        try {
            JsonNode node = YAML.readTree(document);
            return node instanceof ObjectNode o ? o : YAML.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored overrides document is not YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        if (child instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(name);
    }
}
