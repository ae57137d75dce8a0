package io.shadowgate.judge;

/**
 * Confidence spent over repeated looks at a growing run, so that looking after every window
 * and stopping at the first decision keeps the error rates of a single look: look j (from 1)
 * is judged at confidence 1 − (1 − C)/(j(j + 1)); these error budgets add up to at most 1 − C
 * however many looks there are (1/(j(j+1)) sums to 1), a union bound that holds at any
 * stopping time. A run that never stopped is judged once more at the end with what is left,
 * 1 − (1 − C)/(m + 1) after m looks. Conservative, and simple enough to check by hand.
 */
public final class Looks {

    private Looks() {
    }

    /** Confidence of interim look {@code look} (1, 2, ...). */
    public static double interim(double confidence, int look) {
        return 1 - (1 - confidence) / ((double) look * (look + 1));
    }

    /** Confidence of the final judgement after {@code looks} interim looks that decided nothing. */
    public static double closing(double confidence, int looks) {
        return 1 - (1 - confidence) / (looks + 1.0);
    }
}
