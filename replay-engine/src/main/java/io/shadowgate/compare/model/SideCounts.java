package io.shadowgate.compare.model;

/**
 * What one side's responses held at the configured paths, over all pairs recorded.
 * "Missing" includes bodies that were empty or not JSON.
 *
 * @param bodies        responses read
 * @param notJson       bodies that were empty or not one JSON document
 * @param labelMissing  responses without a label
 * @param labelInvalid  responses whose label was an object, an array or a non-finite number
 * @param scoreMissing  responses without a score (or probability map)
 * @param scoreInvalid  responses whose score was not a finite JSON number (or whose map was not an
 *                      object of finite numbers)
 */
public record SideCounts(long bodies, long notJson, long labelMissing, long labelInvalid, long scoreMissing,
                         long scoreInvalid) {
}
