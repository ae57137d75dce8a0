package io.shadowgate.compare.response;

/**
 * The {@code (other paths)} bucket: differing paths beyond
 * {@link AccumulatorLimits#pathsPerEndpoint()}, typically objects keyed by ids, which make a
 * path per id. Their counts are per pair and path, summed over the folded paths, so they can
 * exceed the number of pairs; they are not classified.
 *
 * @param paths                 distinct paths folded
 * @param pathsExact            false when more than {@link AccumulatorLimits#FOLDED_NAMES_COUNTED}
 *                              were folded: then {@code paths} is a lower bound
 * @param candidateDifferences  (pair, path) differences in candidate pairs
 * @param noiseDifferences      (pair, path) differences in noise pairs
 */
public record FoldedPaths(long paths, boolean pathsExact, long candidateDifferences, long noiseDifferences) {

    /** The bucket's name in reports. */
    public static final String NAME = "(other paths)";

    public static final FoldedPaths NONE = new FoldedPaths(0, true, 0, 0);
}
