package io.shadowgate.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficFileReader;
import io.shadowgate.traffic.TrafficHeader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File naming and rotation, without sockets. */
class RotatingTrafficWriterTest {

    @TempDir
    Path tmp;

    @Test
    void rotatedFilesAreNumberedBeforeTheExtension() {
        // Rows: the --out name, the number, the rotated name.
        Object[][] rows = {
            {"capture.jsonl.gz", 1, "capture-0001.jsonl.gz"},
            {"capture.jsonl", 12, "capture-0012.jsonl"},
            {"my.capture.jsonl.gz", 3, "my.capture-0003.jsonl.gz"},
            {"capture.gz", 2, "capture-0002.gz"},
            {"capture", 1, "capture-0001"},
        };
        for (Object[] row : rows) {
            assertThat(RotatingTrafficWriter.numbered(tmp.resolve((String) row[0]), (int) row[1]))
                    .as("%s", row[0]).isEqualTo(tmp.resolve((String) row[2]));
        }
    }

    @Test
    void eachFileStandsAloneWithIdsAndOffsetsFromItsOwnStart() throws Exception {
        Path out = tmp.resolve("c.jsonl");
        long origin = System.nanoTime();
        byte[] body = new byte[40_000];
        List<Path> files;
        try (RotatingTrafficWriter w = new RotatingTrafficWriter(out, 100_000, "test", TrafficHeader.Redaction.NONE,
                origin, Instant.now())) {
            for (int i = 0; i < 40; i++) {
                w.write(origin + 1_000_000L * (i + 1), new Request(0, 0, "POST /p", "POST", "/p/" + i, List.of(), body));
            }
            files = w.files();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        try (TrafficFileReader first = TrafficFileReader.open(files.get(0), false);
             TrafficFileReader second = TrafficFileReader.open(files.get(1), false)) {
            Request a = first.next();
            assertThat(a.offsetMicros()).isEqualTo(1_000);
            Request b = second.next();
            assertThat(b.id()).isZero();
            assertThat(b.offsetMicros()).as("from the file's first arrival").isZero();
            long index = Long.parseLong(b.path().substring(3));
            assertThat(second.header().created()).isEqualTo(first.header().created().plusMillis(index + 1));
        }
    }
}
