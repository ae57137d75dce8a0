package io.shadowgate.cli;

/** The process exit codes, as documented in DESIGN.md and README.md. */
public final class ExitCode {

    public static final int GO = 0;
    public static final int NO_GO = 1;
    public static final int INCONCLUSIVE = 2;
    public static final int USAGE = 64;
    public static final int BAD_INPUT = 65;
    public static final int UNREACHABLE = 69;
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
