package dev.threshold.domain.importing;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An XML document as a small tree that remembers where each element starts, so import errors can say the
 * line. Read with the JDK's StAX parser, with DTDs and external entities switched off (feeds come from
 * outside). Namespaces are ignored: feeds use the MITS element names with or without one.
 */
public final class XmlTree {
    private XmlTree() {}

    /** An element: its local name, attributes, text, children and where it starts. */
    public record Element(
            String name, Map<String, String> attributes, String text, List<Element> children, int line, int column) {

        /** The first child of this name. */
        public Optional<Element> child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst();
        }

        public List<Element> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        /** The trimmed text of a child, if it has a non-empty one. */
        public Optional<String> text(String childName) {
            return child(childName).map(Element::text).filter(t -> !t.isEmpty());
        }

        /** The text at a path of children: {@code text("Name", "FirstName")}. */
        public Optional<String> textAt(String... path) {
            Optional<Element> e = Optional.of(this);
            for (String p : path) {
                e = e.flatMap(x -> x.child(p));
            }
            return e.map(Element::text).filter(t -> !t.isEmpty());
        }

        public Optional<String> attribute(String attributeName) {
            return Optional.ofNullable(attributes.get(attributeName))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty());
        }
    }

    /** Parses a document; a malformed one is an {@link ImportFailed} with the parser's line and column. */
    public static Element parse(String file, String xml) throws ImportFailed {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try {
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(xml));
            Deque<Building> open = new ArrayDeque<>();
            Element root = null;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        Map<String, String> attrs = new LinkedHashMap<>();
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        Location at = r.getLocation();
                        open.push(new Building(r.getLocalName(), attrs, at.getLineNumber(), at.getColumnNumber()));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!open.isEmpty()) {
                            open.peek().text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Element done = open.pop().build();
                        if (open.isEmpty()) {
                            root = done;
                        } else {
                            open.peek().children.add(done);
                        }
                    }
                    default -> {}
                }
            }
            if (root == null) {
                throw new ImportFailed(List.of(new ImportProblem(file, 1, 1, "", "the file has no XML element")));
            }
            return root;
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String message =
                    e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "");
            throw new ImportFailed(List.of(new ImportProblem(
                    file,
                    at == null ? 1 : at.getLineNumber(),
                    at == null ? 0 : at.getColumnNumber(),
                    "",
                    "malformed XML: " + message.strip())));
        }
    }

    private static final class Building {
        final String name;
        final Map<String, String> attributes;
        final int line;
        final int column;
        final StringBuilder text = new StringBuilder();
        final List<Element> children = new ArrayList<>();

        Building(String name, Map<String, String> attributes, int line, int column) {
            this.name = name;
            this.attributes = attributes;
            this.line = line;
            this.column = column;
        }

        Element build() {
            return new Element(
                    name, Map.copyOf(attributes), text.toString().strip(), List.copyOf(children), line, column);
        }
    }
}
