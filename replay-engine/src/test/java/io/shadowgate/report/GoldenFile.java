package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A golden file under {@code src/test/resources/report/}: what a writer must still write.
 * With {@code -Dupdate.golden=true} the file just written becomes the golden one instead, to be
 * reviewed as a diff.
 */
final class GoldenFile {

    private GoldenFile() {
    }

    /** The golden text of {@code name}, or null after replacing it with {@code written} when updating. */
    static String expected(String name, Path written) throws IOException {
        Path source = Path.of("src/test/resources/report", name);
        if (Boolean.getBoolean("update.golden")) {
            Files.createDirectories(source.getParent());
            Files.copy(written, source, StandardCopyOption.REPLACE_EXISTING);
            return null;
        }
        String resource = "/report/" + name;
        try (InputStream in = GoldenFile.class.getResourceAsStream(resource)) {
            assertThat(in).as("golden file " + resource + " (create it with -Dupdate.golden=true)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
