package io.shadowgate.cli;

import java.nio.file.Path;

/**
 * The values read from one sample file for {@code shadowgate judge}.
 *
 * @param file where they came from, for messages
 * @param values the numbers, in file order; never NaN or infinite
 * @param skipped entries that held no value (NaN, or an empty CSV cell) and were left out
 */
record SampleSet(Path file, double[] values, long skipped) {
}
