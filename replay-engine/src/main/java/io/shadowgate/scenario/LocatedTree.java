package io.shadowgate.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A parsed YAML/JSON document plus the line and column of every key and list item in it.
 * Jackson's tree model drops locations, and semantic errors found after binding still have to
 * point into the file, so this walks the token stream itself and records a position per path
 * ({@code traffic.requests[1].weight}). Paths use the same spelling as
 * {@link com.fasterxml.jackson.databind.JsonMappingException#getPath()} references.
 */
final class LocatedTree {

    /** A 1-based place in the file. */
    record Position(int line, int column) {
        static final Position UNKNOWN = new Position(0, 0);
    }

    private final Path file;
    private final JsonNode root;
    private final Map<String, Position> positions;

    private LocatedTree(Path file, JsonNode root, Map<String, Position> positions) {
        this.file = file;
        this.root = root;
        this.positions = positions;
    }

    /** Parses one document; syntax errors become ScenarioExceptions at the parser's position. */
    static LocatedTree parse(Path file, byte[] content, JsonFactory factory) throws ScenarioException {
        Map<String, Position> positions = new HashMap<>();
        try (JsonParser parser = factory.createParser(content)) {
            if (parser.nextToken() == null) {
                throw new ScenarioException(file, "the file is empty (expected a scenario mapping with name, targets and traffic)");
            }
            positions.put("", position(parser.currentTokenLocation()));
            JsonNode root = new Walker(file, parser, positions).value("");
            if (parser.nextToken() != null) {
                // A second YAML document would be silently ignored; say so instead.
                Position at = position(parser.currentTokenLocation());
                throw new ScenarioException(file, at.line(), at.column(), "",
                        "only one document per scenario file is allowed (found another one here)");
            }
            return new LocatedTree(file, root, positions);
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new ScenarioException(file, "cannot read file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // SnakeYAML can throw unchecked errors (limits, bad encoding) that Jackson passes through.
            throw new ScenarioException(file, "invalid YAML: " + firstLine(e.getMessage()), e);
        }
    }

    JsonNode root() {
        return root;
    }

    Path file() {
        return file;
    }

    /** True if the document spells out this path (even with an empty value). */
    boolean has(String path) {
        return positions.containsKey(path);
    }

    /** The position of a path, or of its nearest ancestor that the document spells out. */
    Position positionOf(String path) {
        String p = path;
        while (true) {
            Position at = positions.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return Position.UNKNOWN;
            }
            p = parent(p);
        }
    }

    /** An error located at {@code path}; {@code message} is the whole human message. */
    ScenarioException error(String path, String message) {
        Position at = positionOf(path);
        return new ScenarioException(file, at.line(), at.column(), path, message);
    }

    /**
     * An error for a required key that is absent: located at the parent mapping (there is no
     * better place), or at the key itself when it is present but empty.
     */
    ScenarioException missing(String parentPath, String key, String why) {
        String path = child(parentPath, key);
        String suffix = why.isEmpty() ? "" : " (" + why + ")";
        if (has(path)) {
            return error(path, "key '" + key + "' in " + describe(parentPath) + " has no value" + suffix);
        }
        Position at = positionOf(parentPath);
        return new ScenarioException(file, at.line(), at.column(), path,
                "missing key '" + key + "' in " + describe(parentPath) + suffix);
    }

    static String child(String parentPath, String key) {
        return parentPath.isEmpty() ? key : parentPath + "." + key;
    }

    static String item(String parentPath, int index) {
        return parentPath + "[" + index + "]";
    }

    /** How a path reads in a message: the top level has no path of its own. */
    static String describe(String path) {
        return path.isEmpty() ? "the top level" : path;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static Position position(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return Position.UNKNOWN;
        }
        return new Position(location.getLineNr(), Math.max(0, location.getColumnNr()));
    }

    private static ScenarioException syntaxError(Path file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            // Jackson's own location for YAML errors is the last token it saw, not the
            // problem; SnakeYAML's marks (0-based) say where the problem is and where the
            // construct that it broke started (an unclosed quote is found only at the end).
            Mark problem = yaml.getProblemMark();
            StringBuilder message = new StringBuilder("invalid YAML: ").append(yaml.getProblem());
            Mark context = yaml.getContextMark();
            if (yaml.getContext() != null && context != null) {
                message.append(" (").append(yaml.getContext()).append(" that starts at line ")
                        .append(context.getLine() + 1).append(", column ").append(context.getColumn() + 1).append(')');
            }
            if (String.valueOf(yaml.getProblem()).contains("<block")) {
                message.append("; check the indentation");
            }
            return new ScenarioException(file, problem.getLine() + 1, problem.getColumn() + 1, "", message.toString());
        }
        Position at = position(e.getLocation());
        return new ScenarioException(file, at.line(), at.column(), "",
                "invalid syntax: " + firstLine(e.getOriginalMessage()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Builds the tree and the position map in one pass over the tokens. */
    private static final class Walker {
        private final Path file;
        private final JsonParser parser;
        private final Map<String, Position> positions;
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;

        Walker(Path file, JsonParser parser, Map<String, Position> positions) {
            this.file = file;
            this.parser = parser;
            this.positions = positions;
        }

        /** Reads the value whose first token is current. */
        JsonNode value(String path) throws IOException, ScenarioException {
            if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                // Jackson would hand an alias over as the anchor's name, a silent wrong value.
                throw error(path, "YAML aliases (*" + parser.getText() + ") are not supported; repeat the value");
            }
            JsonToken token = parser.currentToken();
            if (token == null) {
                throw error(path, "unexpected end of file");
            }
            switch (token) {
                case START_OBJECT:
                    return object(path);
                case START_ARRAY:
                    return array(path);
                case VALUE_STRING:
                    return TextNode.valueOf(parser.getText());
                case VALUE_NUMBER_INT:
                    return integer();
                case VALUE_NUMBER_FLOAT:
                    return decimal();
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return BooleanNode.valueOf(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL:
                    return NullNode.getInstance();
                default:
                    throw error(path, LocatedTree.describe(path) + ": unsupported kind of value (" + token + ")");
            }
        }

        private ObjectNode object(String path) throws IOException, ScenarioException {
            ObjectNode node = nodes.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String childPath = child(path, key);
                Position at = position(parser.currentTokenLocation());
                if (node.has(key)) {
                    // YAML parsers keep the last duplicate; a silently ignored setting is worse.
                    Position first = positions.get(childPath);
                    throw new ScenarioException(file, at.line(), at.column(), childPath,
                            "duplicate key '" + key + "' in " + describe(path)
                                    + " (first given at line " + first.line() + ")");
                }
                positions.put(childPath, at);
                parser.nextToken();
                node.set(key, value(childPath));
            }
            return node;
        }

        private ArrayNode array(String path) throws IOException, ScenarioException {
            ArrayNode node = nodes.arrayNode();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String itemPath = item(path, index++);
                positions.put(itemPath, position(parser.currentTokenLocation()));
                node.add(value(itemPath));
            }
            return node;
        }

        private JsonNode integer() throws IOException {
            switch (parser.getNumberType()) {
                case INT:
                    return IntNode.valueOf(parser.getIntValue());
                case LONG:
                    return LongNode.valueOf(parser.getLongValue());
                default:
                    return BigIntegerNode.valueOf(parser.getBigIntegerValue());
            }
        }

        private JsonNode decimal() throws IOException {
            // Keep the digits as written: "version: 2.10" must stay "2.10", not become 2.1.
            double value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                return DoubleNode.valueOf(value);
            }
            try {
                return DecimalNode.valueOf(new BigDecimal(parser.getText().replace("_", "")));
            } catch (NumberFormatException e) {
                return DecimalNode.valueOf(parser.getDecimalValue());
            }
        }

        private ScenarioException error(String path, String message) {
            Position at = position(parser.currentTokenLocation());
            return new ScenarioException(file, at.line(), at.column(), path, message);
        }
    }
}
