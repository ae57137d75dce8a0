package io.shadowgate.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code verdict.json}: the machine-read record of a run, from which every other output
 * can be re-rendered. The format is defined by {@link VerdictJson}. Every file is sealed
 * ({@link VerdictSeal}): the seal is computed afresh from what is written, whatever seal the
 * result held, so re-writing a result read from a file seals what was read.
 */
public final class VerdictJsonWriter implements ReportWriter {

    @Override
    public Path write(RunResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(VerdictJson.FILE_NAME);
        // A trailing newline keeps the file friendly to diff and cat.
        String json = VerdictJson.writer().writeValueAsString(VerdictSeal.seal(result)) + "\n";
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
