package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.md as GitHub renders it into a job summary: what it says, that text from the run
 * cannot change its structure, and that it stays under GitHub's 1 MiB limit.
 */
class SummaryMarkdownWriterTest {

    private static final int GITHUB_LIMIT = 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void writesSummaryMdIntoTheDirectory() throws IOException {
        Path dir = tmp.resolve("reports/run-1");

        Path written = new SummaryMarkdownWriter().write(RunResultFixture.noGo(), dir);

        assertThat(written).isEqualTo(dir.resolve("summary.md")).isRegularFile();
        assertThat(Files.readString(written, StandardCharsets.UTF_8)).startsWith("## NO_GO: ");
    }

    @Test
    void verdictLineAndDecidingReasons() {
        String md = SummaryMarkdownWriter.render(RunResultFixture.noGo());

        assertThat(md).startsWith("## NO_GO: rollback v41 -\\> v40 \\& friends\n\n"
                + "**Shadowgate verdict: NO_GO.** A gate is breached: the candidate is not pre-authorized.\n");
        assertThat(md).contains("\n### Deciding reasons\n\n"
                + "- p99 rose 49.2% over the baseline; limit 10%\"\\>\\<img src=x onerror=alert(1)\\>\n"
                + "- error rate rose 2.7 points; limit 0.5 points\n");
        assertThat(md).contains("Stopped early: decided at look 3 (a look every 10 s)").doesNotContain("PARTIAL RUN");
        assertThat(SummaryMarkdownWriter.render(RunResultFixture.partial())).contains("**PARTIAL RUN:**")
                .contains("; **partial**: interrupted before the schedule ended");
        // No emoji: the badge is the decision's name.
        assertThat(md.codePoints().filter(c -> c >= 0x1F000)).isEmpty();
    }

    @Test
    void gateTableHasEveryGateNoGoFirst() {
        String md = SummaryMarkdownWriter.render(RunResultFixture.noGo());

        assertThat(md).contains("5 gates: 3 NO_GO, 1 INCONCLUSIVE, 1 GO.\n\n"
                + "| Gate | Scope | Decision | Estimate | Interval | Limit |\n"
                + "| --- | --- | --- | ---: | --- | ---: |\n"
                + "| latency p99 increase | all | **NO_GO** | +49.2% | — | +10.0% |\n"
                + "| error rate increase | all | **NO_GO** | +2.70 pp | \\[+1.58 pp, +3.98 pp\\] at 99% (Newcombe hybrid score) | +0.500 pp |\n"
                + "| latency p99 increase | window 10-20 s | **NO_GO** | +98.3% | \\[+71.0%, +130%\\] at 99% (paired bootstrap, log scale) | +10.0% |\n"
                + "| latency p99.9 budget | \\<script\\>alert(1)\\</script\\> | INCONCLUSIVE | — | — | 250 ms |\n"
                + "| latency p50 increase | all | GO | +32.6% | \\[+21.0%, +44.0%\\] at 99% (bootstrap percentile) | +50.0% |\n");
    }

    @Test
    void outcomeCountsPerTargetSayWhetherTheyAddUp() {
        assertThat(SummaryMarkdownWriter.render(RunResultFixture.noGo()))
                .contains("| baseline | 1,000 | 990 | 0 | 4 | 3 | 2 | 1 | 0 | adds up |\n")
                .contains("| candidate | 1,000 | 960 | 2 | 5 | 8 | 22 | 3 | 0 | adds up |\n");
        assertThat(SummaryMarkdownWriter.render(RunResultFixture.brokenCounts()))
                .contains("| candidate | 1,000 | 961 | 2 | 5 | 8 | 22 | 3 | 0 | **does NOT add up** "
                        + "(1,001 outcomes for 1,000 scheduled) |\n");
    }

    @Test
    void differingPathsRegressionsFirstAndContractChangesBreakingFirst() {
        String md = SummaryMarkdownWriter.render(RunResultFixture.noGo());

        assertThat(md).contains("### Top differing response paths\n\n"
                + "| Endpoint | Path | Class | Candidate differs | Baseline vs itself |\n"
                + "| --- | --- | --- | ---: | ---: |\n"
                + "| /v1/predict | \\$.confidence | **regression** | 11 of 12 (91.7%) | 0 of 12 (0%) |\n"
                + "| /v1/predict | \\$.score | **regression** | 11 of 12 (91.7%) | 0 of 12 (0%) |\n");
        assertThat(md).contains("| /v1/predict | 2xx | \\$.score | field-removed | **breaking** | 12 of 12 | 0 of 11 |");
        assertThat(md.indexOf("field-removed")).isLessThan(md.indexOf("field-added"));
        assertThat(md).contains("| /v1/predict | 1 | 12 | 422 × 1 |");
    }

    @Test
    void runIdentityAndTheCommandThatReproducesIt() {
        String md = SummaryMarkdownWriter.render(RunResultFixture.noGo());

        assertThat(md).contains("- Scenario: rollback v41 -\\> v40 \\& friends, file scenarios/rollback\\<v40\\>.yaml\n")
                .contains("- Scenario SHA-256: `9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`\n")
                .contains("SHA-256 `" + "ab".repeat(32) + "` (of the record lines); **2 bad records skipped**\n")
                .contains("- Target baseline: model-v41 at http://127.0.0.1:40123\n")
                .contains("- Target candidate: model-v40 \\<rollback\\> at http://127.0.0.1:40124/\"quoted\"")
                .contains("- Seed 42, mode shadow, Shadowgate 0.1.0-SNAPSHOT\n")
                .contains("- Started 2024-05-01T12:00:00Z, finished 2024-05-01T12:05:00.250Z (5 min 0.250 s); "
                        + "the whole schedule ran\n")
                // In a fence the command is shown exactly as it is, ready to copy.
                .contains("### Reproduce\n\n```\n"
                        + "shadowgate run 'scenarios/rollback<v40>.yaml' --seed 42 --out \"reports/a&b\"\n```\n");
    }

    @Test
    void aFenceIsLongerThanAnyRunOfBackticksInTheCode() {
        assertThat(MarkdownText.fenced("run x")).isEqualTo("```\nrun x\n```\n");
        assertThat(MarkdownText.fenced("a ```\n``` b `````")).isEqualTo("``````\na ```\n``` b `````\n``````\n");
    }

    @Test
    void hostileTextStaysInertText() {
        String md = SummaryMarkdownWriter.render(HostileResults.hostile());

        assertStructureIntact(md);
        assertThat(md)
                .contains("| \\<script\\>alert(1)\\</script\\> | \\<script\\>alert(1)\\</script\\> | **NO_GO** |")
                .contains("a\\|b\\|c \\`code\\` \\*em\\* \\_em\\_ \\[link\\](javascript:alert(1)) !\\[img\\](http://x/y.png)")
                .contains("\\&lt;entity\\&gt; \\&\\#x202E; \\&amp; \\&copy;")
                .contains("\\$x\\$ \\~\\~strike\\~\\~ \\\\\\| backslash-pipe \\\\ |")
                // One line, whatever line breaks the text held: the row stays a row.
                .contains("| line1 line2 \\# heading - item \\| x \\| y \\| |")
                .contains("bidi ‹U+202E›gnp.exe‹U+202C› and ‹U+2066›isolate‹U+2069›")
                .contains("lone \uFFFD high, lone \uFFFD low, pair \uD83D\uDE00 kept")
                .contains("ctl\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\\[31m\uFFFD\uFFFDend");
    }

    @Test
    void everyHostileStringAsAReasonIsOneListItem() {
        RunResult r = HostileResults.hostile();
        for (String s : HostileResults.CORPUS) {
            RunResult one = new RunResult(r.schemaVersion(), r.info(), new io.shadowgate.judge.Verdict(
                    r.verdict().decision(), r.verdict().gates(), List.of(s, "after"), r.verdict().windows()),
                    r.targets(), r.responses());
            String md = SummaryMarkdownWriter.render(one);
            String reasons = md.substring(md.indexOf("### Deciding reasons\n\n"), md.indexOf("\n### Gates"));
            assertThat(reasons.lines().filter(l -> l.startsWith("- ")).count()).as(s).isEqualTo(2);
            assertThat(reasons).as(s).endsWith("\n- after\n");
            assertStructureIntact(md);
            // Text that starts a list item cannot open a list of its own.
            if (s.equals("- dash")) {
                assertThat(reasons).contains("\n- \\- dash\n");
            }
            if (s.equals("1. ordered")) {
                assertThat(reasons).contains("\n- 1\\. ordered\n");
            }
        }
    }

    @Test
    void aHundredThousandOfEverythingStaysUnderOneMebibyte() {
        String md = SummaryMarkdownWriter.render(HostileResults.huge(100_000, "gate <b>|`*_[ \u202E "));

        long bytes = md.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(SummaryMarkdownWriter.MAX_BYTES).isLessThan(GITHUB_LIMIT);
        assertThat(md).contains("- … 99,990 more, see verdict.json\n")
                .contains("\n… 99,900 more, see verdict.json\n")
                .contains("\n… 99,990 more, see verdict.json\n")
                .contains("### Run\n").contains("### Reproduce\n");
        assertStructureIntact(md);
    }

    @Test
    void longCellsAreCutAndTheWorstCaseStaysUnderTheLimit() {
        // Every cell as long as can be, in four-byte characters and visible bidi marks.
        String longest = "\uD83D\uDE00\u202E".repeat(5_000);
        String md = SummaryMarkdownWriter.render(HostileResults.huge(2_000, longest));

        assertThat(md.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SummaryMarkdownWriter.MAX_BYTES);
        assertThat(md.lines().mapToInt(String::length).max().orElseThrow()).isLessThan(20_000);
        assertThat(md).contains("…").contains("### Reproduce\n");
        assertStructureIntact(md);
    }

    @Test
    void aTightLimitCutsTablesThenSectionsButKeepsTheRunIdentity() {
        String md = SummaryMarkdownWriter.render(HostileResults.huge(1_000, "gate "), 8_000);

        assertThat(md.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8_000);
        assertThat(md).containsPattern("\n… [0-9,]+ more, see verdict.json\n")
                .contains("… the summary stops here at its size limit; see verdict.json or index.html.")
                .contains("### Run\n").contains("### Reproduce\n");
        assertStructureIntact(md);
    }

    /**
     * Outside the fenced command: no raw HTML, link or code delimiter from the data, only the
     * summary's own headings, and every table row with its header's number of cells.
     */
    private static void assertStructureIntact(String md) {
        assertThat(md.chars().filter(c -> c < 0x20 && c != '\n')).as("control characters").isEmpty();
        assertThat(md).doesNotContain("\u202E").doesNotContain("\u2066");
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                lines.add(line);
            }
        }
        assertThat(fenced).as("every fence is closed").isFalse();
        for (String line : lines) {
            // Hex code spans (the SHA-256s) are the summary's own; nothing else may open a span.
            String text = line.replaceAll("`[0-9a-f]+`", "");
            for (char special : new char[] {'<', '>', '[', ']', '`', '&', '$', '~'}) {
                assertThat(unescaped(text, special)).as("unescaped '%s' in: %s", special, line).isZero();
            }
            if (line.startsWith("#")) {
                assertThat(line).matches("## (GO|NO_GO|INCONCLUSIVE): .*|### (Deciding reasons|Gates|Outcomes|"
                        + "Top differing response paths|Contract changes|Run|Reproduce)");
            }
        }
        int columns = -1;
        for (String line : lines) {
            if (line.startsWith("|")) {
                int cells = unescaped(line, '|');
                if (columns < 0) {
                    columns = cells;
                }
                assertThat(cells).as("cells in: %s", line).isEqualTo(columns);
            } else {
                columns = -1;
            }
        }
    }

    /** How often {@code c} appears in {@code line} not escaped by a backslash. */
    private static int unescaped(String line, char c) {
        int count = 0;
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (ch == '\\') {
                escaped = true;
            } else if (ch == c) {
                count++;
            }
        }
        return count;
    }

    @Test
    void aRunThatFellBehindSaysSoUnderTheOutcomesEscaped() {
        RunResult r = RunResultFixture.noGo();
        String behind = SummaryMarkdownWriter.render(r.withPace(RunResultFixture.fellBehind("<b>hand-edited</b>")));

        assertThat(behind).contains("**Schedule not kept**: the replay fell behind its schedule")
                .doesNotContain("<b>hand-edited");
        assertThat(behind.indexOf("**Schedule not kept**")).isGreaterThan(behind.indexOf("### Outcomes"));
        assertThat(SummaryMarkdownWriter.render(r.withPace(RunResultFixture.keptPace())))
                .doesNotContain("Schedule not kept");
    }
}
