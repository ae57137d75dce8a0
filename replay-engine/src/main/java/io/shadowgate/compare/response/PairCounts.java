package io.shadowgate.compare.response;

/**
 * How many pairs of one type an endpoint compared, and how many of them differed anywhere.
 *
 * @param compared   pairs compared
 * @param mismatched pairs with at least one difference
 */
public record PairCounts(long compared, long mismatched) {

    /** The share of pairs that differed, or NaN when none were compared. */
    public double mismatchRate() {
        return compared == 0 ? Double.NaN : (double) mismatched / compared;
    }
}
