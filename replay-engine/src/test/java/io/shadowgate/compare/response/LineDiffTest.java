package io.shadowgate.compare.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The line diff against a brute-force edit distance, and its hunks applied back. */
class LineDiffTest {

    private static final CompareLimits UNBOUNDED_OUTPUT = new CompareLimits(120, 3, 20_000, 200, 100_000, 2);

    /**
     * For 2,000 random pairs of short texts over a three-line alphabet (many equal lines, the
     * hard case for a diff): applying the unified diff to the baseline gives the candidate, and
     * the number of inserted plus deleted lines is the minimum (from the LCS by dynamic programming).
     */
    @Test
    void theDiffIsMinimalAndAppliesBack() {
        SplittableRandom random = new SplittableRandom(11);
        for (int run = 0; run < 2_000; run++) {
            List<String> a = randomLines(random);
            List<String> b = randomLines(random);
            if (a.equals(b)) {
                continue;
            }
            LineDiff.Result result = LineDiff.diff(String.join("\n", a), String.join("\n", b), UNBOUNDED_OUTPUT);
            List<String> applied = apply(a, result.unified());
            assertThat(applied).as("run %d: %s -> %s\n%s", run, a, b, result.unified()).isEqualTo(b);
            long edits = result.unified().lines().filter(l -> l.startsWith("-") || l.startsWith("+")).count();
            assertThat(edits).as("run %d", run).isEqualTo(a.size() + b.size() - 2L * lcs(a, b));
        }
    }

    @Test
    void anInsertionAtTheStartHasAnEmptyBaselineRange() {
        LineDiff.Result result = LineDiff.diff("b\nc", "a\nb\nc", new CompareLimits(120, 3, 20_000, 200, 40, 0));
        assertThat(result.unified()).isEqualTo("@@ -0,0 +1,1 @@\n+a");
        assertThat(result.firstLine()).isEqualTo(1);
        assertThat(result.baselineLine()).isNull(); // nothing was there in the baseline: a line was inserted
        assertThat(result.candidateLine()).isEqualTo("a");
    }

    @Test
    void windowsLineEndingsAreNotDifferences() {
        LineDiff.Result result = LineDiff.diff("a\r\nb\r\nc\r\n", "a\nB\nc\n", UNBOUNDED_OUTPUT);
        assertThat(result.unified()).isEqualTo("@@ -1,3 +1,3 @@\n a\n-b\n+B\n c");
    }

    private static List<String> randomLines(SplittableRandom random) {
        int n = 1 + random.nextInt(12);
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(String.valueOf((char) ('x' + random.nextInt(3))));
        }
        return lines;
    }

    /** Applies unified-diff hunks to {@code a}, checking every context and deleted line. */
    private static List<String> apply(List<String> a, String unified) {
        List<String> out = new ArrayList<>();
        int next = 0; // next line of a to copy
        for (String line : unified.split("\n")) {
            if (line.startsWith("@@")) {
                String[] range = line.split(" ")[1].substring(1).split(",");
                int start = Integer.parseInt(range[0]);
                int count = Integer.parseInt(range[1]);
                int first = count == 0 ? start : start - 1;
                while (next < first) {
                    out.add(a.get(next++));
                }
            } else if (line.startsWith("+")) {
                out.add(line.substring(1));
            } else {
                assertThat(a.get(next)).isEqualTo(line.substring(1));
                if (line.startsWith(" ")) {
                    out.add(a.get(next));
                }
                next++;
            }
        }
        while (next < a.size()) {
            out.add(a.get(next++));
        }
        return out;
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t[0][0];
    }
}
