package io.shadowgate.compare.contract;

import java.util.Map;

/**
 * What one side's responses of one endpoint and status class looked like. Bodies are learned
 * per status class because a 200 and a 400 answer with different documents: mixing them would
 * make every field of the success body look optional as soon as errors appear.
 *
 * @param statusClass   {@code 2xx}, {@code 4xx}, ... or {@code other}
 * @param responses     responses in the class
 * @param jsonBodies    bodies that parsed as one JSON document
 * @param notJsonBodies non-empty bodies that did not; they contribute no paths
 * @param emptyBodies   responses without a body
 * @param contentTypes  media type (lower case, parameters dropped; {@code (none)} when absent,
 *                      {@code (other)} beyond the cap) to responses
 * @param paths         canonical path to what was seen there, in path order (so parents first), root included
 */
public record BodySchema(String statusClass, long responses, long jsonBodies, long notJsonBodies, long emptyBodies,
                         Map<String, Long> contentTypes, Map<String, PathSchema> paths) {

    /**
     * Responses where a child of {@code parentPath} could have been present: where the parent was
     * an object (an array when {@code element}); all responses when the parent is null (the root);
     * 0 when the parent was never seen.
     */
    public long opportunities(String parentPath, boolean element) {
        if (parentPath == null) {
            return responses;
        }
        PathSchema parent = paths.get(parentPath);
        return parent == null ? 0 : parent.responsesOf(element ? JsonType.ARRAY : JsonType.OBJECT);
    }
}
