package io.shadowgate.scenario;

import java.nio.file.Path;

/**
 * A scenario file that cannot be used, with the place in the file that is wrong.
 * {@link #getMessage()} is the whole report in the compiler-style form
 * {@code FILE:LINE:COLUMN: MESSAGE} (or {@code FILE: MESSAGE} when the problem is the file
 * itself), so the CLI can print it as is and editors can jump to the place.
 */
public final class ScenarioException extends Exception {

    private final transient Path file;
    private final int line;
    private final int column;
    private final String key;
    private final String detail;

    /**
     * A problem at one place in the file.
     *
     * @param file   the file, as the user gave it (printed as is)
     * @param line   1-based line, or 0 if unknown
     * @param column 1-based column, or 0 if unknown
     * @param key    dotted/indexed path of the offending key, e.g. {@code traffic.requests[1].weight};
     *               empty for the top level or when no key applies
     * @param detail what is wrong and what was expected
     */
    public ScenarioException(Path file, int line, int column, String key, String detail) {
        super(format(file, line, column, detail));
        this.file = file;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.key = key == null ? "" : key;
        this.detail = detail;
    }

    /** A problem with the whole file, such as it not existing or not being readable. */
    public ScenarioException(Path file, String detail) {
        this(file, 0, 0, "", detail);
    }

    /** A problem with the whole file, keeping the I/O error that caused it for debugging. */
    public ScenarioException(Path file, String detail, Throwable cause) {
        this(file, detail);
        initCause(cause);
    }

    private static String format(Path file, int line, int column, String detail) {
        if (line <= 0) {
            return file + ": " + detail;
        }
        return file + ":" + line + ":" + Math.max(0, column) + ": " + detail;
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 if the problem is not at one place. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 if unknown. */
    public int column() {
        return column;
    }

    /** Dotted/indexed path of the offending key, e.g. {@code gates.latency.p99.maxMs}; may be empty. */
    public String key() {
        return key;
    }

    /** The message without the file and position prefix. */
    public String detail() {
        return detail;
    }
}
