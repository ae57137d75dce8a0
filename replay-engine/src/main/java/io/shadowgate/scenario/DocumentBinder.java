package io.shadowgate.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shadowgate.scenario.ScenarioDocument.RootDoc;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds a {@link LocatedTree} to {@link ScenarioDocument} records and turns every Jackson
 * complaint into a {@link ScenarioException} at the offending key. Jackson does the type work
 * (numbers, lists, mappings, unknown keys); this class only rewrites its messages for people
 * who write YAML, not Java.
 */
final class DocumentBinder {

    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "seed: 1.5" and "maxPerTarget: 2.5" are mistakes, not something to round.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // "rate: ''" should say "expected a number", not quietly count as absent.
            .withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build()
            .reader();

    private DocumentBinder() {
    }

    static RootDoc bind(LocatedTree tree) throws ScenarioException {
        return bind(tree, RootDoc.class, "a scenario file");
    }

    /** Binds the whole tree to {@code type}; {@code what} names the kind of file in messages. */
    static <T> T bind(LocatedTree tree, Class<T> type, String what) throws ScenarioException {
        if (!tree.root().isObject()) {
            throw tree.error("", what + " must be a mapping with keys " + String.join(", ", keysOf(type))
                    + "; found " + describe(tree.root()));
        }
        try {
            return READER.forType(type).readValue(tree.root());
        } catch (UnrecognizedPropertyException e) {
            throw unknownKey(tree, e);
        } catch (MismatchedInputException e) {
            String path = path(e.getPath());
            throw tree.error(path, LocatedTree.describe(path) + ": expected " + expected(e.getTargetType())
                    + ", found " + describe(nodeAt(tree.root(), e.getPath())));
        } catch (JsonMappingException e) {
            String path = path(e.getPath());
            if (e.getCause() instanceof InputCoercionException) {
                throw tree.error(path, LocatedTree.describe(path) + ": "
                        + describe(nodeAt(tree.root(), e.getPath())) + " is out of range");
            }
            throw tree.error(path, LocatedTree.describe(path) + ": invalid value "
                    + describe(nodeAt(tree.root(), e.getPath())) + " (" + innermost(e) + ")");
        } catch (IOException e) {
            throw tree.error("", "cannot read the scenario: " + innermost(e));
        }
    }

    private static ScenarioException unknownKey(LocatedTree tree, UnrecognizedPropertyException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        String parent = path(refs.subList(0, Math.max(0, refs.size() - 1)));
        Collection<String> allowed = e.getReferringClass() != null && e.getReferringClass().isRecord()
                ? keysOf(e.getReferringClass())
                : e.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toList());
        return tree.error(LocatedTree.child(parent, e.getPropertyName()), "unknown key '" + e.getPropertyName()
                + "' at " + LocatedTree.describe(parent) + " (expected one of: " + String.join(", ", allowed) + ")");
    }

    /** The keys a document record accepts, in declaration order (Jackson's own order is a hash order). */
    static List<String> keysOf(Class<?> recordType) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            // @JsonProperty cannot target record components; javac copies it to the accessor.
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            keys.add(renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName());
        }
        return keys;
    }

    /** Spells a Jackson reference chain the way {@link LocatedTree} records positions. */
    static String path(List<JsonMappingException.Reference> refs) {
        String path = "";
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                path = LocatedTree.child(path, ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path = LocatedTree.item(path, ref.getIndex());
            }
        }
        return path;
    }

    private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode node = root;
        for (JsonMappingException.Reference ref : refs) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a single value (text or a number)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        if (type.isRecord()) {
            return "a mapping with keys " + String.join(", ", keysOf(type));
        }
        return "a different kind of value";
    }

    /** How a found value reads in a message. */
    static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return text.isEmpty() ? "empty text" : "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
        }
        if (node.isBoolean()) {
            return String.valueOf(node.booleanValue());
        }
        return "the number " + node.asText();
    }

    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
