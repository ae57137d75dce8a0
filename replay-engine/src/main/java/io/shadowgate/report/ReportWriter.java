package io.shadowgate.report;

import java.io.IOException;
import java.nio.file.Path;

/** Writes one output format of a run into a result directory. */
public interface ReportWriter {

    /** Writes this format's file(s) for {@code result} into {@code dir}; returns the main file written. */
    Path write(RunResult result, Path dir) throws IOException;
}
