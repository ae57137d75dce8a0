package io.shadowgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;
import org.apache.commons.math3.util.ResizableDoubleArray;

/**
 * Reads every interval of an HdrHistogram interval log ({@code .hlog}) into single values.
 *
 * <p>The rank test needs values, not buckets, so each bucket becomes its value repeated by
 * its count. The value is the bucket's median-equivalent value, the one HdrHistogram's own
 * {@code getMean()} uses; values are in the log's recorded unit (often microseconds). The
 * expansion stops at {@link #MAX_VALUES} with a clear message rather than exhausting memory:
 * five million doubles are 40 MB per sample. (Working on weighted buckets instead would lift
 * the cap; the test would then need weighted ranks and differences, not built yet.)
 */
final class SampleHistogramLog {

    /** The most values one log may expand to. */
    static final long MAX_VALUES = 5_000_000L;

    private SampleHistogramLog() {
    }

    static SampleSet read(Path file) throws BadInputException {
        ResizableDoubleArray values = new ResizableDoubleArray();
        int intervals = 0;
        try (InputStream in = Files.newInputStream(file); HistogramLogReader reader = new HistogramLogReader(in)) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                intervals++;
                long count = interval instanceof DoubleHistogram d ? d.getTotalCount()
                        : ((AbstractHistogram) interval).getTotalCount();
                if (values.getNumElements() + count > MAX_VALUES) {
                    throw new BadInputException(file + ": interval " + intervals + " takes the log past "
                            + MAX_VALUES + " recorded values, the most judge expands into single values; "
                            + "use a log covering fewer intervals");
                }
                expand(interval, values);
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + SampleFiles.describe(e));
        } catch (RuntimeException e) {
            // HistogramLogReader signals a malformed log with whatever its parser throws
            // (Scanner, Base64, inflater errors); all of them mean "not an interval log".
            throw new BadInputException(file + ": not a readable HdrHistogram interval log (at interval "
                    + (intervals + 1) + ": " + e + ")");
        }
        return new SampleSet(file, values.getElements(), 0);
    }

    private static void expand(EncodableHistogram interval, ResizableDoubleArray values) {
        if (interval instanceof DoubleHistogram histogram) {
            for (DoubleHistogramIterationValue v : histogram.recordedValues()) {
                repeat(values, histogram.medianEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo());
            }
        } else {
            AbstractHistogram histogram = (AbstractHistogram) interval;
            for (HistogramIterationValue v : histogram.recordedValues()) {
                repeat(values, histogram.medianEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo());
            }
        }
    }

    private static void repeat(ResizableDoubleArray values, double value, long count) {
        for (long i = 0; i < count; i++) {
            values.addElement(value);
        }
    }
}
