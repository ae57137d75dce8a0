package io.shadowgate.compare.contract;

import java.util.Map;

/**
 * What one side's bodies showed at one canonical path, for one endpoint and status class.
 * Presence is counted in responses, not values, so an array of a thousand elements weighs like
 * one response: responses are the independent units the evidence rules count.
 *
 * @param path             canonical path, e.g. {@code $.items[*].id}
 * @param parent           the parent's path, null for the root
 * @param element          whether this is an array element path ({@code ...[*]})
 * @param typeOccurrences  values seen per JSON type (every array element counts)
 * @param typeResponses    responses with at least one value of the type here
 * @param responses        responses with at least one value here
 * @param opportunities    responses where it could have been: the parent was an object (an array
 *                         for {@code [*]}); for the root, every response of the status class
 */
public record PathSchema(String path, String parent, boolean element, Map<JsonType, Long> typeOccurrences,
                         Map<JsonType, Long> typeResponses, long responses, long opportunities) {

    /** responses / opportunities: the share of possible places where the path was present; NaN if none. */
    public double presence() {
        return opportunities == 0 ? Double.NaN : (double) responses / opportunities;
    }

    /** Responses with a value of {@code type} here. */
    public long responsesOf(JsonType type) {
        return typeResponses.getOrDefault(type, 0L);
    }
}
