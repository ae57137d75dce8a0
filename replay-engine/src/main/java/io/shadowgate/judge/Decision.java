package io.shadowgate.judge;

/** The answer of one gate, or of the whole run. */
public enum Decision {
    /** Every gate holds: the candidate is pre-authorized. */
    GO,
    /** A gate is breached. */
    NO_GO,
    /** The evidence is too thin to say either. */
    INCONCLUSIVE;

    /** Exit code of the CLI for this verdict, as in DESIGN.md. */
    public int exitCode() {
        return switch (this) {
            case GO -> 0;
            case NO_GO -> 1;
            case INCONCLUSIVE -> 2;
        };
    }
}
