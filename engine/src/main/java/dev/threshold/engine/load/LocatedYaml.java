package dev.threshold.engine.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.serialization.node.LocationJsonNodeFactory;
import com.networknt.schema.serialization.node.TokenStreamLocationAware;
import java.io.IOException;

/**
 * A YAML (or JSON) document read into a tree whose nodes remember their line and column, so every
 * problem found later can say where it is.
 */
public final class LocatedYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int MAX_BYTES = 1024 * 1024;

    private final String name;
    private final String text;
    private final String[] lines;
    private final JsonNode root;

    private LocatedYaml(String name, String text, JsonNode root) {
        this.name = name;
        this.text = text;
        this.lines = text.split("\n", -1);
        this.root = root;
    }

    /** Parses a document; a syntax error becomes a {@link Problem} with its position. */
    public static LocatedYaml parse(String name, String text) throws LoadException {
        if (text.length() > MAX_BYTES) {
            throw new LoadException(new Problem(
                    name,
                    1,
                    1,
                    Problem.Severity.ERROR,
                    "the file is " + text.length() + " characters; a journey may have at most " + MAX_BYTES));
        }
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            JsonNode root = YAML.reader(new LocationJsonNodeFactory(parser)).readTree(parser);
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw new LoadException(new Problem(name, 1, 1, Problem.Severity.ERROR, "the file is empty"));
            }
            return new LocatedYaml(name, text, root);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage().replaceAll("\\s+", " ").trim();
            throw new LoadException(new Problem(
                    name,
                    at == null ? 1 : Math.max(1, at.getLineNr()),
                    at == null ? 1 : Math.max(1, at.getColumnNr()),
                    Problem.Severity.ERROR,
                    "not valid YAML: " + message));
        } catch (IOException e) {
            throw new LoadException(new Problem(name, 1, 1, Problem.Severity.ERROR, "cannot read: " + e.getMessage()));
        }
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public JsonNode root() {
        return root;
    }

    /** The line and column where a node starts (1, 1 when unknown). */
    public int[] where(JsonNode node) {
        if (node instanceof TokenStreamLocationAware aware && aware.tokenStreamLocation() != null) {
            JsonLocation l = aware.tokenStreamLocation();
            return new int[] {Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr())};
        }
        return new int[] {1, 1};
    }

    /**
     * Where a position inside a scalar's text (line and column within the text, from 1) is in the file:
     * block scalars ({@code |}, {@code >}) start on the next line at its indentation; quoted ones one
     * column after the quote.
     */
    public int[] whereInside(JsonNode scalar, int innerLine, int innerColumn) {
        int[] at = where(scalar);
        int line = at[0];
        int col = at[1];
        String first = line - 1 < lines.length ? lines[line - 1] : "";
        String rest = col - 1 <= first.length() ? first.substring(col - 1) : "";
        if (rest.startsWith("|") || rest.startsWith(">")) {
            int contentLine = line + innerLine;
            String content = contentLine - 1 < lines.length ? lines[contentLine - 1] : "";
            int indent = content.length() - content.stripLeading().length();
            return new int[] {contentLine, indent + innerColumn};
        }
        int quote = rest.startsWith("\"") || rest.startsWith("'") ? 1 : 0;
        if (innerLine <= 1) {
            return new int[] {line, col + quote + innerColumn - 1};
        }
        return new int[] {line + innerLine - 1, innerColumn};
    }
}
