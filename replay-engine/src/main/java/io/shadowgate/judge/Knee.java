package io.shadowgate.judge;

/**
 * Where one version stops meeting one budget as the offered rate rises, with an interval that
 * holds with the stated confidence as a whole (see {@link CapacityKnees} for the rule).
 *
 * @param kind       where the point estimate fell relative to the rates tested
 * @param estimate   req/s where the windows' estimates cross the budget; NaN unless {@link Kind#WITHIN_RAMP}
 * @param lower      req/s, the highest rate shown to hold below the first shown breach; 0 when none was
 * @param upper      req/s, the lowest rate shown breached; +∞ when none was
 * @param confidence coverage of [lower, upper) as a whole, e.g. 0.99
 * @param statement  one line for people: {@code knee at about 1,850 req/s, 99% interval [1,800, 2,000] req/s}
 * @param rule       the rule that produced estimate and interval, stated so a reader can check it
 * @param note       what a reader should doubt (estimates crossing the budget more than once, a window shown
 *                   to hold above a shown breach); empty when nothing
 */
public record Knee(Kind kind, double estimate, double lower, double upper, double confidence, String statement,
                   String rule, String note) {

    public Knee {
        // verdict.json stores +∞ as null, which reads back as NaN: an upper end is never NaN otherwise.
        if (Double.isNaN(upper)) {
            upper = Double.POSITIVE_INFINITY;
        }
    }

    /** Where the knee's point estimate fell. */
    public enum Kind {
        /** The estimates cross the budget between two tested rates. */
        WITHIN_RAMP,
        /** The estimates stay within the budget up to the highest rate tested: the knee is above it. */
        ABOVE_RAMP,
        /** The estimates exceed the budget from the lowest rate tested: the knee is below it. */
        BELOW_RAMP,
        /** No window had enough samples for this budget. */
        NO_DATA
    }
}
