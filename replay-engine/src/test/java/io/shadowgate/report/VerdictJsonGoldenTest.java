package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seals the structure of {@code verdict.json}: CI pipelines and {@code shadowgate verify} read
 * it, so a renamed or dropped field must be a deliberate change (bump
 * {@link RunResult#SCHEMA_VERSION}) and show up in review as a changed golden file.
 *
 * <p>To accept a deliberate change: {@code mvn -pl replay-engine test
 * -Dtest=VerdictJsonGoldenTest -Dupdate.golden=true}, then review the diff.
 */
class VerdictJsonGoldenTest {


    @TempDir
    Path tmp;

    @Test
    void verdictJsonMatchesTheGoldenFile() throws IOException {
        Path written = new VerdictJsonWriter().write(RunResultFixture.noGo().withPace(
                RunResultFixture.fellBehind("the client event loop was busy 95.0% of the replay")), tmp);

        String goldenText = GoldenFile.expected("verdict-golden.json", written);
        if (goldenText == null) {
            return;
        }
        ObjectMapper plain = new ObjectMapper();
        JsonNode golden = plain.readTree(goldenText);
        // Compared as trees: whitespace does not matter, names, nesting, types and values do.
        List<String> differences = new ArrayList<>();
        diff("", golden, plain.readTree(written.toFile()), differences);
        assertThat(differences)
                .as("verdict.json differs from %s; if deliberate, bump RunResult.SCHEMA_VERSION as needed and "
                        + "rerun with -Dupdate.golden=true", "verdict-golden.json")
                .isEmpty();
    }

    /** Every JSON Pointer at which the trees differ, with both values: readable where a full dump is not. */
    private static void diff(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode e = expected.get(name);
                JsonNode a = actual.get(name);
                if (e == null || a == null) {
                    out.add(at + "/" + name + (e == null ? ": not in the golden file" : ": missing"));
                } else {
                    diff(at + "/" + name, e, a, out);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                diff(at + "/" + i, expected.get(i), actual.get(i), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(at + ": expected " + expected + " but was " + actual);
        }
    }
}
