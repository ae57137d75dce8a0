package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private static final String RESOURCE = "/report/junit-golden.xml";
    private static final Path SOURCE = Path.of("src/test/resources/report/junit-golden.xml");

    @TempDir
    Path tmp;

    @Test
    void junitXmlMatchesTheGoldenFile() throws IOException {
        Path written = new JUnitXmlWriter().write(RunResultFixture.noGo(), tmp);

        if (Boolean.getBoolean("update.golden")) {
            Files.createDirectories(SOURCE.getParent());
            Files.copy(written, SOURCE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        String golden;
        try (InputStream in = JUnitXmlGoldenTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("golden file " + RESOURCE + " (create it with -Dupdate.golden=true)").isNotNull();
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Compared as text, line by line: the whole file is the contract, and a line diff reads well.
        assertThat(Files.readString(written, StandardCharsets.UTF_8).lines().toList())
                .as("junit.xml differs from %s; if deliberate, rerun with -Dupdate.golden=true and review the diff", SOURCE)
                .containsExactlyElementsOf(golden.lines().toList());
    }

    @Test
    void renderingTwiceGivesTheSameBytes() {
        assertThat(JUnitXmlWriter.render(RunResultFixture.noGo())).isEqualTo(JUnitXmlWriter.render(RunResultFixture.noGo()));
    }
}
