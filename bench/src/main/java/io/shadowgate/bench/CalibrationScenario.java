package io.shadowgate.bench;

import io.shadowgate.judge.Decision;

/**
 * How much worse the simulated candidate is, in multiples of the gate's margin, and so which
 * of the judge's error rates a cell measures:
 * <ul>
 * <li>{@link #A_A}: not worse at all. Every gate holds, so NO_GO is a false NO_GO, which
 *     should happen at most 1 − C of the time; GO is the right answer, and its rate says how
 *     often a good candidate is pre-authorized at this much traffic.</li>
 * <li>{@link #AT_MARGIN}: worse by exactly the margin, the least breach the gate must not
 *     pre-authorize: GO is a false GO, at most 1 − C of the time.</li>
 * <li>{@link #TWICE_MARGIN}: worse by twice the margin: the NO_GO rate is the power.</li>
 * </ul>
 */
enum CalibrationScenario {

    A_A("A/A", "aa", 0, Decision.NO_GO, "false NO_GO"),
    AT_MARGIN("at the margin", "margin", 1, Decision.GO, "false GO"),
    TWICE_MARGIN("2δ", "twice", 2, Decision.NO_GO, "power");

    private final String label;
    private final String option;
    private final int margins;
    private final Decision watched;
    private final String rateName;

    CalibrationScenario(String label, String option, int margins, Decision watched, String rateName) {
        this.label = label;
        this.option = option;
        this.margins = margins;
        this.watched = watched;
        this.rateName = rateName;
    }

    String label() {
        return label;
    }

    /** Name on the command line ({@code --scenarios}). */
    String option() {
        return option;
    }

    /** How many margins worse than the baseline the candidate is. */
    int margins() {
        return margins;
    }

    /** The decision whose rate the cell is about. */
    Decision watched() {
        return watched;
    }

    /** What that rate is called: false NO_GO, false GO or power. */
    String rateName() {
        return rateName;
    }

    /** True for the rates that must stay at most 1 − C; false for power, which should be high. */
    boolean isErrorRate() {
        return this != TWICE_MARGIN;
    }
}
