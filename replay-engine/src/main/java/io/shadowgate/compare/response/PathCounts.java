package io.shadowgate.compare.response;

import java.util.Map;

/**
 * How often one path differed in pairs of one type.
 *
 * @param differing pairs that differed at this path, each counted once however many array
 *                  elements or kinds differed there
 * @param compared  pairs of this type compared on the endpoint (the path was compared in all of them)
 * @param byKind    pairs that differed at this path with each kind; a pair may count under several kinds
 */
public record PathCounts(long differing, long compared, Map<DifferenceKind, Long> byKind) {

    public PathCounts {
        byKind = Map.copyOf(byKind);
    }

    /** The share of pairs that differed here, or NaN when none were compared. */
    public double rate() {
        return compared == 0 ? Double.NaN : (double) differing / compared;
    }
}
