package io.shadowgate.compare.contract;

/** What changed between the baseline's and the candidate's contract, and whether it breaks clients. */
public enum ChangeKind {
    /** A field the baseline sent (in at least 1% of the places it could) the candidate never sends. */
    FIELD_REMOVED(true),
    /** A field the baseline always sent (at least 99.9%) the candidate sends significantly less often. */
    PRESENCE_DROP(true),
    /** A JSON type the baseline never sent at a path (number to string, say). */
    TYPE_CHANGED(true),
    /**
     * null where the baseline never sent null. Breaking: clients that map the field to a
     * non-nullable type fail on it, and JSON Schema treats null as a type of its own.
     */
    NULL_INTRODUCED(true),
    /** A status code the baseline never returned for the endpoint. */
    NEW_STATUS_CODE(true),
    /** A media type the baseline never returned for the endpoint and status class. */
    CONTENT_TYPE_CHANGED(true),
    /** A field the baseline never sent; optional to any client, reported for information. */
    FIELD_ADDED(false),
    /** A side hit the distinct-path cap, so fields beyond it were not compared; information. */
    PATHS_FOLDED(false);

    private final boolean breaking;

    ChangeKind(boolean breaking) {
        this.breaking = breaking;
    }

    public boolean breaking() {
        return breaking;
    }
}
