package io.shadowgate.compare.model;

/**
 * How often the candidate's label differed from the baseline's on the same request.
 *
 * @param compared      pairs where both sides had a label: the flip rate's denominator
 * @param flipped       of those, pairs whose labels differ
 * @param baselineOnly  pairs where only the baseline had a label
 * @param candidateOnly pairs where only the candidate had a label
 * @param neither       pairs where neither had one
 */
public record LabelFlips(long compared, long flipped, long baselineOnly, long candidateOnly, long neither) {

    /** flipped / compared, NaN when nothing was compared. */
    public double rate() {
        return compared == 0 ? Double.NaN : (double) flipped / compared;
    }

    /** Wilson's interval for the flip rate, two-sided at {@code confidence}. */
    public WilsonInterval interval(double confidence) {
        return WilsonInterval.of(flipped, compared, confidence);
    }
}
