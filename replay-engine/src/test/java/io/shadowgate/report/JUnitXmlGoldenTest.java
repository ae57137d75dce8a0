package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seals the bytes of {@code junit.xml}: CI servers parse it, and the output must not depend on
 * the clock or the machine, so a change to it must be deliberate and show up in review as a
 * changed golden file.
 *
 * <p>To accept a deliberate change: {@code mvn -pl replay-engine test
 * -Dtest=JUnitXmlGoldenTest -Dupdate.golden=true}, then review the diff.
 */
class JUnitXmlGoldenTest {


    @TempDir
    Path tmp;

    @Test
    void junitXmlMatchesTheGoldenFile() throws IOException {
        Path written = new JUnitXmlWriter().write(RunResultFixture.noGo(), tmp);

        String golden = GoldenFile.expected("junit-golden.xml", written);
        if (golden == null) {
            return;
        }
        // Compared as text, line by line: the whole file is the contract, and a line diff reads well.
        assertThat(Files.readString(written, StandardCharsets.UTF_8).lines().toList())
                .as("junit.xml differs from %s; if deliberate, rerun with -Dupdate.golden=true and review the diff", "junit-golden.xml")
                .containsExactlyElementsOf(golden.lines().toList());
    }

    @Test
    void renderingTwiceGivesTheSameBytes() {
        assertThat(JUnitXmlWriter.render(RunResultFixture.noGo())).isEqualTo(JUnitXmlWriter.render(RunResultFixture.noGo()));
    }
}
