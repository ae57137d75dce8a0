package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {

    @TempDir
    Path tmp;

    @Test
    void writesEveryOutputVerdictJsonFirst() throws IOException {
        List<Path> written = ReportWriters.writeAll(RunResultFixture.noGo(), tmp);

        assertThat(written).containsExactly(tmp.resolve("verdict.json"), tmp.resolve("index.html"),
                tmp.resolve("junit.xml"), tmp.resolve("summary.md"));
        assertThat(written).allSatisfy(p -> assertThat(p).isRegularFile());
        assertThat(ReportWriters.rendered()).hasSize(3).doesNotContain(ReportWriters.all().get(0));
    }

    /** Rendering from verdict.json gives what rendering from the run gave: nothing a report shows is lost in it. */
    @Test
    void renderingFromTheStoredResultGivesTheSameBytes() throws IOException {
        for (RunResult result : List.of(RunResultFixture.noGo(), RunResultFixture.partial(),
                RunResultFixture.brokenCounts(), HostileResults.hostile())) {
            Path direct = tmp.resolve("direct");
            Path again = tmp.resolve("again");
            ReportWriters.writeAll(result, direct);

            List<Path> rendered = ReportWriters.renderAll(VerdictJson.read(direct.resolve("verdict.json")), again);

            assertThat(rendered).extracting(p -> p.getFileName().toString())
                    .containsExactly("index.html", "junit.xml", "summary.md");
            for (Path file : rendered) {
                assertThat(Files.readAllBytes(file)).as(file.getFileName().toString())
                        .isEqualTo(Files.readAllBytes(direct.resolve(file.getFileName())));
            }
        }
    }

    @Test
    void oneWriterFailingDoesNotStopTheOthers() throws IOException {
        // A directory where index.html should go: only the HTML writer fails.
        Files.createDirectories(tmp.resolve("index.html"));

        assertThatThrownBy(() -> ReportWriters.writeAll(RunResultFixture.noGo(), tmp)).isInstanceOf(IOException.class);

        assertThat(tmp.resolve("verdict.json")).isRegularFile();
        assertThat(tmp.resolve("junit.xml")).isRegularFile();
        assertThat(tmp.resolve("summary.md")).isRegularFile();
    }
}
