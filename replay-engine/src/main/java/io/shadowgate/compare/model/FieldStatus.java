package io.shadowgate.compare.model;

/** What a response had at a configured path. */
public enum FieldStatus {
    /** A usable value. */
    PRESENT,
    /** Nothing there: the path does not exist, the value is JSON null, or the body was not JSON. */
    MISSING,
    /** A value of the wrong kind: a string score, an object label, a map with a non-numeric entry. */
    INVALID
}
