package io.shadowgate.compare.contract;

/**
 * One difference between the baseline's and the candidate's contract, with its evidence as
 * counts of responses: {@code baselineCount} of {@code baselineOf} against {@code candidateCount}
 * of {@code candidateOf}. What is counted depends on the kind:
 * <ul>
 * <li>{@link ChangeKind#FIELD_REMOVED}, {@link ChangeKind#PRESENCE_DROP},
 *     {@link ChangeKind#FIELD_ADDED}: responses with the field, of those whose parent was there;</li>
 * <li>{@link ChangeKind#TYPE_CHANGED}, {@link ChangeKind#NULL_INTRODUCED}: responses with a value of
 *     the new type at the path, of those with the path;</li>
 * <li>{@link ChangeKind#NEW_STATUS_CODE}: responses with the code, of the endpoint's responses;</li>
 * <li>{@link ChangeKind#CONTENT_TYPE_CHANGED}: responses with the media type, of the status class's;</li>
 * <li>{@link ChangeKind#PATHS_FOLDED}: values folded, of the endpoint's responses.</li>
 * </ul>
 *
 * @param endpoint    endpoint name
 * @param statusClass {@code 2xx}, ...; null for status codes and folded paths
 * @param path        canonical path; null when the change is not about a path
 * @param kind        what changed
 * @param breaking    whether clients may break ({@link ChangeKind#breaking()})
 * @param detail      one line for people: the change in words (the type or code or media type)
 */
public record ContractChange(String endpoint, String statusClass, String path, ChangeKind kind, boolean breaking,
                             long baselineCount, long baselineOf, long candidateCount, long candidateOf,
                             String detail) {

    ContractChange(String endpoint, String statusClass, String path, ChangeKind kind, long baselineCount,
                   long baselineOf, long candidateCount, long candidateOf, String detail) {
        this(endpoint, statusClass, path, kind, kind.breaking(), baselineCount, baselineOf, candidateCount,
                candidateOf, detail);
    }
}
