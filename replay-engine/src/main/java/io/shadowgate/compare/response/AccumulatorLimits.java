package io.shadowgate.compare.response;

/**
 * Bounds on what a {@link SingleWriterDiffAccumulator} keeps, so its memory does not grow with
 * the length of the run. {@link #DEFAULT} holds every default.
 *
 * <p>Per endpoint the memory is at most about {@code pathsPerEndpoint × 2 × examplesPerPath ×
 * (2 × exampleBodyBytes + headers)}; with the defaults, 1,000 paths × 6 examples × 8 KiB ≈ 50 MB
 * in the worst case of every path differing with full-size examples, typically far less.
 *
 * @param examplesPerPath  example pairs kept per path, for each {@link PairType}: those whose request ids hash smallest
 * @param exampleBodyBytes bytes of each body kept in an example (after redaction)
 * @param pathsPerEndpoint distinct differing paths kept per endpoint; the rest are folded into one
 *                         {@code (other paths)} bucket
 */
public record AccumulatorLimits(int examplesPerPath, int exampleBodyBytes, int pathsPerEndpoint) {

    public static final AccumulatorLimits DEFAULT = new AccumulatorLimits(3, 4_096, 1_000);

    /** Headers kept per example response (the first ones). */
    public static final int EXAMPLE_HEADERS = 64;
    /** Characters kept per example header value. */
    public static final int EXAMPLE_HEADER_CHARS = 256;
    /** Names of folded paths remembered to count them; beyond, the count is a lower bound. */
    public static final int FOLDED_NAMES_COUNTED = 10_000;

    public AccumulatorLimits {
        if (examplesPerPath < 0) {
            throw new IllegalArgumentException("examplesPerPath must be >= 0 (was " + examplesPerPath + ")");
        }
        if (exampleBodyBytes < 0) {
            throw new IllegalArgumentException("exampleBodyBytes must be >= 0 (was " + exampleBodyBytes + ")");
        }
        if (pathsPerEndpoint < 1) {
            throw new IllegalArgumentException("pathsPerEndpoint must be >= 1 (was " + pathsPerEndpoint + ")");
        }
    }
}
