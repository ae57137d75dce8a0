package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shadowgate judge --classify}: the JSON contract, the exit codes and the usage errors.
 * Expected numbers are R's for the "shift-up" case of {@code src/test/resources/kayenta/reference.R}
 * (R 4.2.2, {@code wilcox.test(candidate, baseline, conf.int = TRUE, exact = FALSE,
 * correct = TRUE, conf.level = 0.95, tol.root = 1e-12)}; see io.shadowgate.compare.MannWhitneyTest).
 */
class JudgeCommandTest {

    /** R: median(outer(candidate, baseline, "-")), the interval ends and mean(candidate) / mean(baseline). */
    static final double SHIFT_UP_ESTIMATE = 3.660755776075689;
    static final double SHIFT_UP_LOWER = 1.6941313813943792;
    static final double SHIFT_UP_UPPER = 5.6843561996201082;
    static final double SHIFT_UP_MEAN_RATIO = 1.0374364731713985;

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    static Result shadowgate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Copies a sample file of the R reference into the temporary directory. */
    Path reference(String name) throws IOException {
        Path file = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/kayenta/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    static JsonNode json(String out) throws IOException {
        return STRICT.readTree(out);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void classifyPrintsOneJsonObjectAndExitsZero() throws IOException {
        Result r = shadowgate("judge", "--classify", "--baseline", reference("shift-up-baseline.txt").toString(),
                "--candidate", reference("shift-up-candidate.txt").toString(), "--direction", "increase",
                "--tolerance", "0.25", "--confidence", "0.95", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode node = json(r.out());
        assertThat(fieldNames(node)).containsExactly("classification", "critical", "estimate", "ci", "effectSize");
        assertThat(node.get("classification").asText()).isEqualTo("High");
        assertThat(node.get("critical").asBoolean()).isFalse();
        assertThat(node.get("estimate").asDouble()).isCloseTo(SHIFT_UP_ESTIMATE, within(1e-12));
        assertThat(node.get("ci").get(0).asDouble()).isCloseTo(SHIFT_UP_LOWER, within(1e-9));
        assertThat(node.get("ci").get(1).asDouble()).isCloseTo(SHIFT_UP_UPPER, within(1e-9));
        assertThat(node.get("effectSize").asDouble()).isCloseTo(SHIFT_UP_MEAN_RATIO, within(1e-12));
    }

    @Test
    void aCriticalLowWithClesAndUppercaseOptionValues() throws IOException {
        // shift-down at 98%: upper -2.28520 < -0.72801; CLES 0.25401 <= 0.3 (allowed) and <= 0.26 (critical).
        Result r = shadowgate("judge", "--classify", "--baseline", reference("shift-down-baseline.txt").toString(),
                "--candidate", reference("shift-down-candidate.txt").toString(), "--direction", "EITHER",
                "--tolerance", "0.25", "--confidence", "98%", "--effect-size", "CLES", "--allowed-decrease", "0.3",
                "--critical-increase", "0.9", "--critical-decrease", "0.26", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode node = json(r.out());
        assertThat(node.get("classification").asText()).isEqualTo("Low");
        assertThat(node.get("critical").asBoolean()).isTrue();
        assertThat(node.get("effectSize").asDouble()).isCloseTo(0.25401333333333331, within(1e-15));
    }

    @Test
    void withoutJsonItPrintsTheNumbersForPeople() throws IOException {
        Result r = shadowgate("judge", "--classify", "--baseline", reference("shift-up-baseline.txt").toString(),
                "--candidate", reference("shift-up-candidate.txt").toString(), "--tolerance", "0.25", "--confidence", "0.95");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("High\n")
                .contains("baseline: 200 values from ")
                .contains("shift (candidate - baseline): 3.66076, 95% interval [1.69413, 5.68436]")
                .contains("the interval must clear +/-0.915189 (tolerance 0.25 x |shift|)")
                .contains("effect size (mean-ratio): 1.03744");
    }

    @Test
    void anEmptySideIsNodataWithNulls() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "# nothing was recorded\n\nNaN\n");

        Result r = shadowgate("judge", "--classify", "--baseline", empty.toString(),
                "--candidate", reference("shift-up-candidate.txt").toString(), "--tolerance", "0.25",
                "--confidence", "0.95", "--critical-increase", "1.5", "--json");

        assertThat(r.exit()).isZero();
        assertThat(r.out().trim()).isEqualTo(
                "{\"classification\":\"Nodata\",\"critical\":false,\"estimate\":null,\"ci\":null,\"effectSize\":null}");
        assertThat(r.err()).isEqualTo("shadowgate: note: " + empty + ": left out 1 entries with no value (NaN or empty)\n");
    }

    @Test
    void withNeitherGateNorClassifyItIsAUsageError() throws IOException {
        Result r = shadowgate("judge", "--baseline", reference("same-baseline.txt").toString(),
                "--candidate", reference("same-candidate.txt").toString());

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("shadowgate: judge needs --baseline FILE, --candidate FILE and at least one --gate (or --classify)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingOrBadOptionsAreUsageErrors() throws IOException {
        String base = reference("same-baseline.txt").toString();
        String cand = reference("same-candidate.txt").toString();

        assertThat(shadowgate("judge", "--classify", "--baseline", base, "--candidate", cand, "--confidence", "0.95"))
                .satisfies(r -> assertThat(r.exit()).isEqualTo(ExitCode.USAGE))
                .satisfies(r -> assertThat(r.err()).contains("needs --baseline FILE, --candidate FILE, --tolerance T"));
        assertThat(shadowgate("judge", "--classify", "--baseline", base, "--candidate", cand, "--tolerance", "-1",
                "--confidence", "0.95").err()).contains("--tolerance must be a number >= 0, was -1.0");
        assertThat(shadowgate("judge", "--classify", "--baseline", base, "--candidate", cand, "--tolerance", "0.2",
                "--confidence", "1").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(shadowgate("judge", "--classify", "--baseline", base, "--candidate", cand, "--tolerance", "0.2",
                "--confidence", "0.9", "--direction", "sideways").err()).contains("'sideways' is not increase, decrease or either");
        assertThat(shadowgate("judge", "--classify", "--baseline", base, "--candidate", cand, "--tolerance", "0.2",
                "--confidence", "0.9", "--effect-size", "median").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aBadLineIsExit65WithFileAndLine() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.txt"), "1.5\n# a comment\nabc\n2.5\n");

        Result r = shadowgate("judge", "--classify", "--baseline", bad.toString(),
                "--candidate", reference("same-candidate.txt").toString(), "--tolerance", "0.25", "--confidence", "0.95");

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).isEqualTo("shadowgate: " + bad + ":3: expected a number, found 'abc'\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingFileIsExit65NamingIt() {
        Path missing = tmp.resolve("missing.txt");

        Result r = shadowgate("judge", "--classify", "--baseline", missing.toString(), "--candidate", missing.toString(),
                "--tolerance", "0.25", "--confidence", "0.95");

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).isEqualTo("shadowgate: " + missing + ": cannot read: no such file\n");
    }

    /** Both files are read at once; when both are bad, the message is still the baseline's, as read in turn. */
    @Test
    void withTwoBadFilesTheBaselinesProblemIsTheOneReported() throws Exception {
        Path badBaseline = tmp.resolve("bad-baseline.txt");
        Path badCandidate = tmp.resolve("bad-candidate.txt");
        Files.writeString(badBaseline, "1.0\n2.0\nfast\n");
        Files.writeString(badCandidate, "slow\n");

        Result r = shadowgate("judge", "--baseline", badBaseline.toString(), "--candidate", badCandidate.toString(),
                "--gate", "p50=+5%", "--paired");

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).isEqualTo("shadowgate: " + badBaseline + ":3: expected a number, found 'fast'\n");

        Path good = tmp.resolve("good.txt");
        Files.writeString(good, "1.0\n2.0\n");
        Result candidateOnly = shadowgate("judge", "--baseline", good.toString(), "--candidate", badCandidate.toString(),
                "--gate", "p50=+5%");
        assertThat(candidateOnly.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(candidateOnly.err()).isEqualTo("shadowgate: " + badCandidate + ":1: expected a number, found 'slow'\n");
    }
}
