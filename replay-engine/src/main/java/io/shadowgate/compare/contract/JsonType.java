package io.shadowgate.compare.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON type of a value. Integers and floats are one {@link #NUMBER}: JSON itself does not
 * tell them apart, and serializers disagree on how to print a whole float ({@code 1.0} from
 * Python, {@code 1} elsewhere), so a score that happens to be exactly 0 would otherwise read as
 * a type change.
 */
public enum JsonType {
    OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL;

    private static final JsonType[] ALL = values();

    /** The type of a parsed node (binary and POJO nodes, which a parser never makes, read as strings). */
    public static JsonType of(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> OBJECT;
            case ARRAY -> ARRAY;
            case NUMBER -> NUMBER;
            case BOOLEAN -> BOOLEAN;
            case NULL, MISSING -> NULL;
            case STRING, BINARY, POJO -> STRING;
        };
    }

    static JsonType at(int ordinal) {
        return ALL[ordinal];
    }

    /** Lower-case name, as in JSON Schema. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
