package io.shadowgate.cli;

import static io.shadowgate.cli.JudgeCommandTest.shadowgate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shadowgate.cli.JudgeCommandTest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample files {@code judge} reads: text, CSV columns and HdrHistogram interval logs. */
class JudgeCommandSampleFilesTest {

    @TempDir
    Path tmp;

    private static String[] classify(Path baseline, Path candidate, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("judge", "--classify", "--baseline", baseline.toString(),
                "--candidate", candidate.toString(), "--tolerance", "0.25", "--confidence", "0.95", "--json"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The R reference sample, one value per line. */
    private static List<String> referenceLines(String name) throws IOException {
        try (InputStream in = JudgeCommandSampleFilesTest.class.getResourceAsStream("/kayenta/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The reference values as the second column of a CSV file, every other one quoted, with a blank cell. */
    private Path csv(String name) throws IOException {
        StringBuilder s = new StringBuilder("\uFEFFts,\"latency, ms\",status\n");
        List<String> values = referenceLines(name);
        for (int i = 0; i < values.size(); i++) {
            String cell = i % 2 == 0 ? "\"" + values.get(i) + "\"" : values.get(i);
            s.append(i).append(',').append(cell).append(",\"OK, \"\"fine\"\"\"\n");
        }
        s.append("999,,503\n");
        return Files.writeString(tmp.resolve(name.replace(".txt", ".csv")), s.toString());
    }

    @Test
    void aCsvColumnGivesTheSameNumbersAsTheTextFile() throws IOException {
        Result r = shadowgate(classify(csv("shift-up-baseline.txt"), csv("shift-up-candidate.txt"),
                "--column", "latency, ms"));

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode node = JudgeCommandTest.json(r.out());
        assertThat(node.get("classification").asText()).isEqualTo("High");
        assertThat(node.get("estimate").asDouble()).isCloseTo(JudgeCommandTest.SHIFT_UP_ESTIMATE, within(1e-12));
        assertThat(node.get("ci").get(0).asDouble()).isCloseTo(JudgeCommandTest.SHIFT_UP_LOWER, within(1e-9));
        assertThat(node.get("effectSize").asDouble()).isCloseTo(JudgeCommandTest.SHIFT_UP_MEAN_RATIO, within(1e-12));
        assertThat(r.err()).contains("left out 1 entries with no value");
    }

    @Test
    void aMissingColumnListsTheColumns() throws IOException {
        Path file = csv("same-baseline.txt");

        Result r = shadowgate(classify(file, file, "--column", "latency"));

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).isEqualTo("shadowgate: " + file + ": no column 'latency'; the columns are 'ts', 'latency, ms', 'status'\n");
    }

    @Test
    void badCsvCellsAndRowsNameTheLine() throws Exception {
        Path badCell = Files.writeString(tmp.resolve("cell.csv"), "ms\n1\n2ms\n");
        Path openQuote = Files.writeString(tmp.resolve("quote.csv"), "a,b\n1,2\n3,\"4\n");
        Path shortRow = Files.writeString(tmp.resolve("short.csv"), "a,b\n1,2\n3\n");
        Path twoColumns = Files.writeString(tmp.resolve("two.csv"), "a,b\n1,2\n");

        assertThatThrownBy(() -> SampleFiles.read(badCell, null))
                .hasMessage(badCell + ":3: expected a number, found '2ms' (column 'ms')");
        assertThatThrownBy(() -> SampleFiles.read(openQuote, "b"))
                .hasMessage(openQuote + ":3: a quoted field is not closed (fields spanning lines are not supported)");
        assertThatThrownBy(() -> SampleFiles.read(shortRow, "b"))
                .hasMessage(shortRow + ":3: the row has 1 fields, and column 'b' is field 2");
        assertThatThrownBy(() -> SampleFiles.read(twoColumns, null))
                .hasMessage(twoColumns + ": choose a column with --column; the columns are 'a', 'b'");
    }

    @Test
    void textSkipsCommentsAndCountsNan() throws Exception {
        Path file = Files.writeString(tmp.resolve("t.txt"), "# latency in ms\n 1.5 \n\n2e1 # slow one\nNaN\n-3\n");
        Path infinite = Files.writeString(tmp.resolve("inf.txt"), "1\n1e999\n");

        SampleSet s = SampleFiles.read(file, null);

        assertThat(s.values()).containsExactly(1.5, 20, -3);
        assertThat(s.skipped()).isEqualTo(1);
        assertThatThrownBy(() -> SampleFiles.read(infinite, null))
                .hasMessage(infinite + ":2: expected a finite number, found '1e999'");
    }

    /** Writes an interval log: one interval per array, each value recorded once (ms, exact below 2048). */
    private Path hlog(String name, long[]... intervals) throws IOException {
        Path file = tmp.resolve(name);
        try (var out = Files.newOutputStream(file)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            long start = 1_700_000_000_000L;
            for (long[] values : intervals) {
                Histogram h = new Histogram(3_600_000L, 3);
                for (long v : values) {
                    h.recordValue(v);
                }
                h.setStartTimeStamp(start);
                h.setEndTimeStamp(start + 1000);
                writer.outputIntervalHistogram(h);
                start += 1000;
            }
            writer.close();
        }
        return file;
    }

    private static long[] range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).toArray();
    }

    @Test
    void anHlogAddsAllItsIntervals() throws Exception {
        // Baseline 1..200 over two intervals, candidate the same + 50: every difference is
        // 50 + (b_i - b_j), so the Hodges-Lehmann shift is exactly 50.
        Path baseline = hlog("baseline.hlog", range(1, 100), range(101, 200));
        Path candidate = hlog("candidate.hlog", range(51, 150), range(151, 250));

        Result r = shadowgate(classify(baseline, candidate));

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode node = JudgeCommandTest.json(r.out());
        assertThat(node.get("classification").asText()).isEqualTo("High");
        assertThat(node.get("estimate").asDouble()).isEqualTo(50.0);
        assertThat(node.get("effectSize").asDouble()).isCloseTo(150.5 / 100.5, within(1e-12));
        assertThat(SampleFiles.read(baseline, null).values()).hasSize(200);
    }

    @Test
    void pairingHistogramLogsIsRefusedBecauseTheyKeepNoRequestOrder() throws Exception {
        // Paired, the i-th smallest of each side would pass for the same request: a far too narrow interval.
        Path baseline = hlog("baseline.hlog", range(1, 300));
        Path candidate = hlog("candidate.hlog", range(2, 301));

        Result r = shadowgate("judge", "--baseline", baseline.toString(), "--candidate", candidate.toString(),
                "--gate", "p99=+2%", "--paired");

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--paired needs files that keep the requests in order (text or CSV)");
        assertThat(shadowgate("judge", "--baseline", baseline.toString(), "--candidate", candidate.toString(),
                "--gate", "p99=+2%").exit()).isIn(ExitCode.GO, ExitCode.NO_GO, ExitCode.INCONCLUSIVE);
    }

    @Test
    void anHlogBeyondTheExpansionCapIsRefused() throws IOException {
        Path file = tmp.resolve("huge.hlog");
        try (var out = Files.newOutputStream(file)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            Histogram h = new Histogram(3);
            h.recordValueWithCount(100, SampleHistogramLog.MAX_VALUES + 1);
            writer.outputIntervalHistogram(0, 1, h);
            writer.close();
        }

        Result r = shadowgate(classify(file, file));

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains(file + ": interval 1 takes the log past 5000000 recorded values");
    }

    @Test
    void aFileThatIsNoIntervalLogIsExit65() throws IOException {
        Path file = Files.writeString(tmp.resolve("text.hlog"), "0.0,1.0,2.0,not-base64-at-all\n");

        Result r = shadowgate(classify(file, file));

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("shadowgate: " + file + ": not a readable HdrHistogram interval log");
    }
}
