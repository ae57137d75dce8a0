package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Access-log import: both formats as nginx and Apache write them, the spreading rule, and bad lines. */
class AccessLogTrafficTest {

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Safari/537.36";
    private static final String EXPECTED = "expected Common or Combined Log Format: HOST IDENT USER [TIME] \"REQUEST\" STATUS BYTES";

    @TempDir
    Path tmp;

    private Path write(String name, String... lines) throws IOException {
        Path file = tmp.resolve(name);
        OutputStream raw = Files.newOutputStream(file);
        try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static List<Request> readAll(AccessLogTraffic traffic) {
        List<Request> out = new ArrayList<>();
        traffic.forEachRemaining(out::add);
        return out;
    }

    private static List<Request> readAll(Path file, long seed) {
        try (AccessLogTraffic traffic = AccessLogTraffic.open(file, seed)) {
            return readAll(traffic);
        }
    }

    /** A Common Log Format line at 13:55:SS UTC for {@code path}. */
    private static String at(int second, String path) {
        return String.format("10.0.0.1 - - [10/Oct/2023:13:55:%02d +0000] \"GET %s HTTP/1.1\" 200 12", second, path);
    }

    private static List<Long> offsets(List<Request> requests) {
        return requests.stream().map(Request::offsetMicros).toList();
    }

    private static List<String> paths(List<Request> requests) {
        return requests.stream().map(Request::path).toList();
    }

    @Test
    void commonAndCombinedLinesAsNginxAndApacheWriteThem() throws IOException {
        Path file = write("access.log",
                // nginx combined, query string
                "203.0.113.7 - - [10/Oct/2023:13:55:36 +0000] \"GET /api/v1/users/123?expand=orders&limit=10 HTTP/1.1\" 200 1534 "
                        + "\"https://shop.example.com/cart\" \"" + UA + "\"",
                // Apache common, IPv6 client, authenticated user, no body sent
                "2001:db8::5 - frank [10/Oct/2023:13:55:37 +0000] \"POST /login HTTP/1.1\" 302 -",
                // Apache combined: escaped quotes in the user agent, no referer
                "198.51.100.2 - - [10/Oct/2023:13:55:38 +0000] \"GET /search?q=%22shoes%22 HTTP/2.0\" 404 512 \"-\" "
                        + "\"curl/8.0 \\\"quoted\\\" agent\"",
                // nginx escapes non-ASCII bytes as \xHH; a raw UTF-8 byte sequence reads the same
                "192.0.2.9 - - [10/Oct/2023:13:55:38 +0000] \"HEAD /caf\\xC3\\xA9 HTTP/1.0\" 200 0 \"https://r.example/\" \"caf\\xC3\\xA9 bot é\"");

        List<Request> read = readAll(file, 0);

        assertThat(read).hasSize(4);
        Request nginx = read.get(0);
        assertThat(nginx.id()).isZero();
        assertThat(nginx.method()).isEqualTo("GET");
        assertThat(nginx.path()).isEqualTo("/api/v1/users/123?expand=orders&limit=10");
        assertThat(nginx.endpoint()).isEqualTo("GET /api/v1/users/{id}");
        assertThat(nginx.headers()).containsExactly(new Header("Referer", "https://shop.example.com/cart"), new Header("User-Agent", UA));
        assertThat(nginx.body()).isEmpty();
        assertThat(nginx.sessionKey()).isEqualTo("203.0.113.7");
        assertThat(nginx.recorded().status()).isEqualTo(200);
        assertThat(nginx.recorded().headers()).isEmpty();
        assertThat(nginx.recorded().body()).isEmpty();
        assertThat(nginx.recorded().latencyMicros()).isEqualTo(-1);

        Request common = read.get(1);
        assertThat(common.method()).isEqualTo("POST");
        assertThat(common.path()).isEqualTo("/login");
        assertThat(common.headers()).isEmpty();
        assertThat(common.sessionKey()).isEqualTo("2001:db8::5");
        assertThat(common.recorded().status()).isEqualTo(302);
        assertThat(common.offsetMicros()).isEqualTo(1_000_000);

        Request quoted = read.get(2);
        assertThat(quoted.path()).isEqualTo("/search?q=%22shoes%22");
        assertThat(quoted.headers()).containsExactly(new Header("User-Agent", "curl/8.0 \"quoted\" agent"));
        assertThat(quoted.recorded().status()).isEqualTo(404);

        Request escaped = read.get(3);
        assertThat(escaped.method()).isEqualTo("HEAD");
        assertThat(escaped.path()).as("non-ASCII bytes in a path are percent-encoded to stay sendable").isEqualTo("/caf%C3%A9");
        assertThat(escaped.headers()).containsExactly(new Header("Referer", "https://r.example/"), new Header("User-Agent", "café bot é"));
        assertThat(offsets(read)).containsExactly(0L, 1_000_000L, 2_000_000L, 2_500_000L);
    }

    @Test
    void requestsInOneSecondAreSpreadEvenlyInFileOrder() throws IOException {
        Path file = write("even.log", at(36, "/a"), at(36, "/b"), at(36, "/c"), at(37, "/d"), at(39, "/e"), at(39, "/f"));

        List<Request> read = readAll(file, 0);

        assertThat(paths(read)).containsExactly("/a", "/b", "/c", "/d", "/e", "/f");
        assertThat(offsets(read)).containsExactly(0L, 333_333L, 666_666L, 1_000_000L, 3_000_000L, 3_500_000L);
        assertThat(read).extracting(Request::id).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aSeedDrawsReproducibleSortedOffsetsWithinEachSecond() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(at(36 + i / 10, "/r" + i));
        }
        Path file = write("seeded.log", lines.toArray(String[]::new));

        List<Long> first = offsets(readAll(file, 42));
        List<Long> again = offsets(readAll(file, 42));
        List<Long> other = offsets(readAll(file, 43));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).isSorted();
        assertThat(first.subList(0, 10)).allSatisfy(o -> assertThat(o).isBetween(0L, 999_999L));
        assertThat(first.subList(10, 20)).allSatisfy(o -> assertThat(o).isBetween(1_000_000L, 1_999_999L));
        assertThat(paths(readAll(file, 42))).as("file order kept").isEqualTo(paths(readAll(file, 0)));
    }

    @Test
    void timestampsInDifferentOffsetsAtTheSameInstantShareASecond() throws IOException {
        Path file = write("zones.log",
                "10.0.0.1 - - [10/Oct/2023:13:55:36 +0000] \"GET /utc HTTP/1.1\" 200 1",
                "10.0.0.2 - - [10/Oct/2023:15:55:36 +0200] \"GET /cest HTTP/1.1\" 200 1",
                "10.0.0.3 - - [10/oct/2023:06:25:36 -0730] \"GET /odd HTTP/1.1\" 200 1",
                // Already the next day at +11:00, yet only one second later.
                "10.0.0.4 - - [11/Oct/2023:00:55:37 +1100] \"GET /next HTTP/1.1\" 200 1");

        List<Request> read = readAll(file, 0);

        assertThat(paths(read)).containsExactly("/utc", "/cest", "/odd", "/next");
        assertThat(offsets(read)).containsExactly(0L, 333_333L, 666_666L, 1_000_000L);
    }

    @Test
    void slightlyOutOfOrderSecondsAreReorderedAndOlderOnesClamped() throws IOException {
        // 38 arrives after 39 and 40, 36 after 40 (4 s back): within the window, each goes in its own second.
        Path file = write("workers.log", at(37, "/a"), at(39, "/b"), at(40, "/c"), at(38, "/d"), at(36, "/e"), at(41, "/f"));

        List<Request> read = readAll(file, 0);

        assertThat(paths(read)).containsExactly("/e", "/a", "/d", "/b", "/c", "/f");
        assertThat(offsets(read)).containsExactly(0L, 1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L, 5_000_000L);

        // 12 s back from 50 is beyond the 5 s window: clamped to 45, the oldest second still open.
        Path late = write("late.log", at(30, "/a"), at(50, "/b"), at(38, "/late"), at(45, "/c"));
        try (AccessLogTraffic traffic = AccessLogTraffic.open(late, 0)) {
            List<Request> lateRead = readAll(traffic);

            assertThat(paths(lateRead)).containsExactly("/a", "/late", "/c", "/b");
            assertThat(offsets(lateRead)).containsExactly(0L, 15_000_000L, 15_500_000L, 20_000_000L);
            assertThat(traffic.clamped()).isEqualTo(1);
        }
    }

    @Test
    void aLineThatDoesNotParseNamesItsLineNumberByteOffsetAndTheFormat() throws IOException {
        String good = at(36, "/ok");
        String tls = "198.51.100.9 - - [10/Oct/2023:13:55:36 +0000] \"\\x16\\x03\\x01\\x00\\xA5\\x01\\x00\" 400 157 \"-\" \"-\"";
        Path file = write("bad.log", good, tls);

        assertThatThrownBy(() -> readAll(file, 0))
                .isInstanceOf(TrafficFormatException.class)
                .hasMessageStartingWith(file + ": record 2 at byte " + (good.length() + 1) + ": " + EXPECTED)
                .hasMessageContaining("the request \"\\x16\\x03\\x01\\x00\\xA5\\x01\\x00\" is not METHOD PATH [PROTOCOL]")
                .satisfies(e -> {
                    TrafficFormatException tfe = (TrafficFormatException) e;
                    assertThat(tfe.record()).isEqualTo(2);
                    assertThat(tfe.byteOffset()).isEqualTo(good.length() + 1);
                });

        Path garbled = write("garbled.log", "not an access log line");
        assertThatThrownBy(() -> readAll(garbled, 0))
                .hasMessageStartingWith(garbled + ": record 1 at byte 0: " + EXPECTED);
    }

    @Test
    void skipBadLinesCountsAndDescribesThemAndEmptyLinesPassSilently() throws IOException {
        Path file = write("mixed.log",
                at(36, "/a"),
                "",
                "192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] \"-\" 400 0 \"-\" \"-\"",
                at(36, "/b"),
                "192.0.2.1 - - [31/Feb/2023:13:55:36 +0000] \"GET / HTTP/1.1\" 200 0",
                "192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] \"GET / HTTP/1.1\" 200",
                at(37, "/c"));

        try (AccessLogTraffic traffic = AccessLogTraffic.open(file, 0, true)) {
            List<Request> read = readAll(traffic);

            assertThat(paths(read)).containsExactly("/a", "/b", "/c");
            assertThat(read).extracting(Request::id).containsExactly(0L, 1L, 2L);
            assertThat(traffic.skipped()).isEqualTo(3);
            assertThat(traffic.problems()).hasSize(3);
            assertThat(traffic.problems().get(0)).startsWith(file + ": record 3 at byte ").contains("the request \"-\"");
            assertThat(traffic.problems().get(1)).startsWith(file + ": record 5 at byte ").contains("is not a date");
            assertThat(traffic.problems().get(2)).startsWith(file + ": record 6 at byte ").contains("the line ends before BYTES");
        }
    }

    @Test
    void gzipFilesAreReadByName() throws IOException {
        Path file = write("access.log.gz", at(36, "/a"), at(36, "/b"));

        assertThat(paths(readAll(file, 0))).containsExactly("/a", "/b");
        assertThat(offsets(readAll(file, 0))).containsExactly(0L, 500_000L);
    }

    @Test
    void aLargeLogStreamsThrough() throws IOException {
        Path file = tmp.resolve("big.log");
        int n = 100_000;
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
            for (int i = 0; i < n; i++) {
                int second = i / 50; // 50 requests a second, 2000 seconds
                out.write(String.format("10.0.%d.%d - - [10/Oct/2023:%02d:%02d:%02d +0000] \"GET /items/%d?page=%d HTTP/1.1\" 200 %d \"-\" \"%s\"%n",
                        i % 200, i % 250, 13 + second / 3600, second / 60 % 60, second % 60, i, i % 7, i % 5000, UA));
            }
        }

        long count = 0;
        long last = -1;
        try (AccessLogTraffic traffic = AccessLogTraffic.open(file, 7)) {
            while (traffic.hasNext()) {
                Request r = traffic.next();
                assertThat(r.offsetMicros()).isGreaterThanOrEqualTo(last);
                last = r.offsetMicros();
                count++;
            }
        }

        assertThat(count).isEqualTo(n);
        assertThat(last).isBetween(1_999_000_000L, 1_999_999_999L);
    }
}
