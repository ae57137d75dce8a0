package io.shadowgate.compare.response;

/** What changed between the two responses of a pair at one path. */
public enum DifferenceKind {
    /** The HTTP status differs; the bodies are then not compared. Path {@code status}. */
    STATUS_CHANGED("status-changed"),
    /** A compared header differs (all its values, joined). Path {@code header:NAME}, name in lower case. */
    HEADER_CHANGED("header-changed"),
    /** A JSON scalar differs beyond the path's tolerance and normalisation. */
    VALUE_CHANGED("value-changed"),
    /** A JSON value changed type: string, number, boolean, null, object or array. */
    TYPE_CHANGED("type-changed"),
    /** A field (or, in keyed and unordered arrays, an element) only the candidate has. */
    FIELD_ADDED("field-added"),
    /** A field (or, in keyed and unordered arrays, an element) only the baseline has. */
    FIELD_REMOVED("field-removed"),
    /** An array has a different number of elements. */
    ARRAY_LENGTH_CHANGED("array-length-changed"),
    /** A text body (not JSON on both sides) differs; the difference carries a short unified diff. Path {@code body}. */
    TEXT_CHANGED("text-changed"),
    /** A binary body differs; the difference carries both lengths and SHA-256s. Path {@code body}. */
    BINARY_CHANGED("binary-changed");

    private final String label;

    DifferenceKind(String label) {
        this.label = label;
    }

    /** The name used in reports and rules, e.g. {@code value-changed}. */
    public String label() {
        return label;
    }
}
