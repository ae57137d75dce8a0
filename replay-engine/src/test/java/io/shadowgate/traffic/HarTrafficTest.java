package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HAR importer on real browser exports from {@code shared/corpus} (see its SOURCES.md for
 * where each came from) and on small hand-made HARs for the cases the corpus lacks.
 */
class HarTrafficTest {

    /** From replay-engine/ (where Maven runs the tests) to the shared/ directory beside the repo. */
    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus");

    @TempDir
    Path tmp;

    private static Path corpus(String name) {
        Path file = CORPUS.resolve(name);
        assertThat(file).as("corpus file (shared/ must sit beside the repository)").isRegularFile();
        return file;
    }

    private static List<Request> readAll(Path file) {
        try (HarTraffic traffic = HarTraffic.open(file)) {
            List<Request> out = new ArrayList<>();
            traffic.forEachRemaining(out::add);
            return out;
        }
    }

    private static List<String> headerNames(List<Header> headers) {
        return headers.stream().map(Header::name).toList();
    }

    private static void assertNothingTheReplayerSets(List<Request> requests) {
        for (Request r : requests) {
            List<Header> all = new ArrayList<>(r.headers());
            if (r.recorded() != null) {
                all.addAll(r.recorded().headers());
            }
            assertThat(headerNames(all)).allSatisfy(name -> {
                assertThat(name).doesNotStartWith(":");
                assertThat(name.toLowerCase(Locale.ROOT)).isNotIn("host", "content-length", "connection",
                        "keep-alive", "transfer-encoding", "te", "upgrade");
            });
        }
    }

    private Path har(String name, String entriesJson) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, "{\"log\": {\"version\": \"1.2\", \"entries\": [" + entriesJson + "]}}");
        return file;
    }

    private static String entry(String started, String url, String extraRequestFields) {
        return """
                {"startedDateTime": "%s", "time": -1,
                 "request": {"method": "POST", "url": "%s", "headers": []%s},
                 "response": {"status": 200, "headers": [], "content": {"size": 0, "mimeType": "text/plain"}}}
                """.formatted(started, url, extraRequestFields);
    }

    @Test
    void firefoxExportGivesFourteenGetsInTimeOrderFromZero() {
        List<Request> requests = readAll(corpus("mitmproxy-firefox.har"));

        assertThat(requests).hasSize(14);
        assertThat(requests).extracting(Request::id).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(requests).extracting(Request::method).containsOnly("GET");
        // 16:58:59.303-07:00 is the first start; the others are whole milliseconds later.
        assertThat(requests).extracting(Request::offsetMicros).containsExactly(0L, 115_000L, 153_000L, 154_000L,
                154_000L, 155_000L, 192_000L, 195_000L, 197_000L, 224_000L, 225_000L, 240_000L, 336_000L, 340_000L);
        assertThat(requests.get(0).path()).isEqualTo("/");
        assertThat(requests.get(0).endpoint()).isEqualTo("GET /");
        assertThat(requests.get(0).sessionKey()).isNull();
        // Raw query kept as in the URL, unescaped '/' included; a host-only S3 URL keeps its bucket path.
        assertThat(requests.get(9).path()).isEqualTo("/github-btn.html?user=mhils&type=sponsor&size=large");
        assertThat(requests.get(11).path()).isEqualTo("/snapshots.mitmproxy.org?delimiter=/&prefix=");
        assertThat(requests.get(11).endpoint()).isEqualTo("GET /snapshots.mitmproxy.org");
        assertNothingTheReplayerSets(requests);
        // "Upgrade-Insecure-Requests" is an ordinary header, not the hop-by-hop "Upgrade".
        assertThat(headerNames(requests.get(0).headers())).startsWith("User-Agent", "Accept")
                .contains("Upgrade-Insecure-Requests", "If-None-Match").doesNotContain("Host", "Connection");
    }

    @Test
    void firefoxRecordedResponsesKeepStatusLatencyAndBodies() {
        List<Request> requests = readAll(corpus("mitmproxy-firefox.har"));

        RecordedResponse first = requests.get(0).recorded();
        assertThat(first.status()).isEqualTo(304);
        assertThat(first.latencyMicros()).isEqualTo(23_000L);
        // Firefox stores the cached page even for a 304.
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
        assertThat(requests.get(1).recorded().latencyMicros()).isZero();
        assertThat(requests.get(11).recorded().latencyMicros()).isEqualTo(247_000L);
        assertThat(headerNames(requests.get(11).recorded().headers())).contains("Content-Type")
                .doesNotContain("Transfer-Encoding");
        // clipboard.min.js: 10452 characters, 10453 UTF-8 bytes (one non-ASCII character).
        assertThat(requests.get(7).recorded().body()).hasSize(10_453);
        // favicon.ico is base64 in the HAR: an ICO header (reserved 0, type 1, 5 images) once decoded.
        byte[] icon = requests.get(13).recorded().body();
        assertThat(icon).hasSize(98_065);
        assertThat(Arrays.copyOf(icon, 6)).containsExactly(0, 0, 1, 0, 5, 0);
    }

    @Test
    void chromeExportLosesPseudoHeadersAndKeepsTheStatusZeroRequestWithoutResponse() {
        List<Request> requests = readAll(corpus("mitmproxy-chrome.har"));

        assertThat(requests).hasSize(3);
        // The three entries were captured months apart: offsets are exact, however large.
        assertThat(requests).extracting(Request::offsetMicros).containsExactly(0L, 9_117_098_426_000L, 10_155_471_932_000L);
        assertThat(requests).extracting(Request::path)
                .containsExactly("/", "/", "/images/branding/googlelogo/2x/googlelogo_light_color_272x92dp.png");
        assertNothingTheReplayerSets(requests);
        assertThat(headerNames(requests.get(0).headers())).first().isEqualTo("accept");
        // Redaction is a later stage: the importer keeps cookies as recorded.
        assertThat(requests.get(2).headers()).anySatisfy(h -> {
            assertThat(h.name()).isEqualTo("cookie");
            assertThat(h.value()).startsWith("SID=");
        });

        Request offline = requests.get(1);
        assertThat(offline.method()).isEqualTo("GET");
        assertThat(headerNames(offline.headers())).startsWith("DNT", "Upgrade-Insecure-Requests", "User-Agent");
        assertThat(offline.recorded()).as("status 0: net::ERR_INTERNET_DISCONNECTED").isNull();

        RecordedResponse html = requests.get(0).recorded();
        assertThat(html.status()).isEqualTo(304);
        assertThat(html.latencyMicros()).isEqualTo(14_666L);
        assertThat(html.body()).hasSize(23_866);
        assertThat(new String(html.body(), 0, 15, StandardCharsets.US_ASCII)).isEqualTo("<!DOCTYPE html>");
        RecordedResponse png = requests.get(2).recorded();
        assertThat(png.latencyMicros()).isEqualTo(58_205L);
        assertThat(png.body()).hasSize(7_108);
        assertThat(Arrays.copyOf(png.body(), 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }

    @Test
    void postDataTextIsTheBodyByteForByte() throws IOException {
        List<Request> requests = readAll(corpus("mitmproxy-postdata.har"));

        assertThat(requests).hasSize(1);
        Request post = requests.get(0);
        assertThat(post.offsetMicros()).isZero();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/metrics");
        assertThat(post.endpoint()).isEqualTo("POST /metrics");
        // The recorded Content-Length said 1310; it is dropped, and the body is exactly that long.
        assertThat(post.body()).hasSize(1310);
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).startsWith("{\"metadata\":{\"pageViewId\":1689428126308,");
        assertThat(post.headers()).contains(new Header("content-type", "text/plain;charset=UTF-8"));
        assertNothingTheReplayerSets(requests);
        assertThat(post.recorded().status()).isEqualTo(200);
        assertThat(post.recorded().body()).isEmpty();
        assertThat(post.recorded().latencyMicros()).isEqualTo(169_796L);
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        Path bom = corpus("mitmproxy-with-bom.har");
        assertThat(Arrays.copyOf(Files.readAllBytes(bom), 3)).containsExactly(0xEF, 0xBB, 0xBF);

        Request withBom = readAll(bom).get(0);
        Request without = readAll(corpus("mitmproxy-postdata.har")).get(0);

        assertThat(withBom.path()).isEqualTo(without.path());
        assertThat(withBom.headers()).isEqualTo(without.headers());
        assertThat(withBom.body()).isEqualTo(without.body());
    }

    @Test
    void theSpecExampleParsesWithEveryFieldFilledIn() {
        List<Request> requests = readAll(corpus("har-validator-valid.json"));

        assertThat(requests).hasSize(1);
        Request r = requests.get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/");
        assertThat(r.headers()).containsExactly(new Header("DNT", "1"), new Header("Accept-Encoding", "gzip, deflate, sdch"));
        assertThat(r.body()).isEmpty();
        assertThat(r.recorded().latencyMicros()).isEqualTo(181_600L); // 181.59985542297363 ms, rounded
        assertThat(r.recorded().body()).asString(StandardCharsets.UTF_8).isEqualTo("ALL YOUR BASE ARE BELONG TO US");
        assertThat(headerNames(r.recorded().headers()))
                .containsExactly("X-Response-Time", "Date", "Vary", "X-Powered-By", "Content-Type", "Content-Encoding");
    }

    @Test
    void entriesAreSortedByStartTimeStablyAcrossOffsets() throws IOException {
        Path file = har("unsorted.har", String.join(",",
                entry("2024-01-01T10:00:02.000Z", "https://a.example/third", ""),
                entry("2024-01-01T12:00:00.000001+02:00", "https://a.example/first", ""), // 10:00:00.000001Z
                entry("2024-01-01T10:00:02Z", "https://a.example/fourth", ""),            // ties with "third"
                entry("2024-01-01T05:00:01.5-05:00", "https://a.example/second", "")));   // 10:00:01.5Z

        List<Request> requests = readAll(file);

        assertThat(requests).extracting(Request::path).containsExactly("/first", "/second", "/third", "/fourth");
        assertThat(requests).extracting(Request::id).containsExactly(0L, 1L, 2L, 3L);
        assertThat(requests).extracting(Request::offsetMicros).containsExactly(0L, 1_499_999L, 1_999_999L, 1_999_999L);
        assertThat(requests.get(0).recorded().latencyMicros()).as("time -1").isEqualTo(-1L);
    }

    @Test
    void formParamsAreUrlEncodedAndFileUploadsKeepOnlyNameAndValue() throws IOException {
        Path file = har("form.har", entry("2024-01-01T10:00:00Z", "https://a.example/form", """
                , "postData": {"mimeType": "application/x-www-form-urlencoded", "params": [
                    {"name": "q", "value": "a b&c=d"},
                    {"name": "café", "value": "€"},
                    {"name": "empty"},
                    {"name": "upload", "value": "hello", "fileName": "hello.txt", "contentType": "text/plain"}]}"""));

        byte[] body = readAll(file).get(0).body();

        assertThat(new String(body, StandardCharsets.US_ASCII))
                .isEqualTo("q=a+b%26c%3Dd&caf%C3%A9=%E2%82%AC&empty=&upload=hello");
    }

    @Test
    void urlsBecomeTheRequestTargetWithoutSchemeHostOrFragment() throws IOException {
        Path file = har("urls.har", String.join(",",
                entry("2024-01-01T10:00:00Z", "https://a.example", ""),
                entry("2024-01-01T10:00:01Z", "http://a.example:8080?x=1", ""),
                entry("2024-01-01T10:00:02Z", "https://a.example/p/q?r=%20s|t#frag", ""),
                entry("2024-01-01T10:00:03Z", "/relative?k=v", ""),
                entry("2024-01-01T10:00:04Z", "//cdn.example/lib.js", "")));

        assertThat(readAll(file)).extracting(Request::path)
                .containsExactly("/", "/?x=1", "/p/q?r=%20s|t", "/relative?k=v", "/lib.js");
    }

    @Test
    void iterationEndsCleanlyAndCloseIsIdempotent() {
        HarTraffic traffic = HarTraffic.open(corpus("mitmproxy-postdata.har"));
        assertThat(traffic.hasNext()).isTrue();
        traffic.next();
        assertThat(traffic.hasNext()).isFalse();
        assertThatThrownBy(traffic::next).isInstanceOf(NoSuchElementException.class);
        traffic.close();
        traffic.close();
        assertThat(traffic.hasNext()).isFalse();
    }

    @Test
    void aFileThatIsNotJsonIsNotAHar() throws IOException {
        Path file = tmp.resolve("hello.har");
        Files.writeString(file, "hello");

        assertThatThrownBy(() -> HarTraffic.open(file))
                .isInstanceOfSatisfying(TrafficFormatException.class, e -> assertThat(e.record()).isZero())
                .hasMessageStartingWith(file + ": at byte ")
                .hasMessageContaining("not a HAR file: expected {\"log\": {\"entries\": [...]}}")
                .hasMessageContaining("line 1, column ")
                .hasMessageContaining("'hello'");
    }

    @Test
    void aTruncatedFileNamesTheEntryAndWhereTheJsonBreaks() throws IOException {
        byte[] whole = Files.readAllBytes(corpus("mitmproxy-firefox.har"));
        Path file = tmp.resolve("half.har");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> HarTraffic.open(file))
                .isInstanceOfSatisfying(TrafficFormatException.class, e -> {
                    assertThat(e.record()).isBetween(1L, 14L);
                    assertThat(e.byteOffset()).isEqualTo(whole.length / 2);
                })
                .hasMessageContaining("not a HAR file")
                .hasMessageContaining("the JSON breaks at line ")
                .hasMessageContaining("end-of-input");
    }

    @Test
    void jsonWithoutLogEntriesIsNotAHar() throws IOException {
        Path noEntries = tmp.resolve("no-entries.har");
        Files.writeString(noEntries, "{\"log\": {\"version\": \"1.2\", \"pages\": []}}");
        Path array = tmp.resolve("array.har");
        Files.writeString(array, "[1, 2]");
        Path empty = tmp.resolve("empty.har");
        Files.writeString(empty, "");

        assertThatThrownBy(() -> HarTraffic.open(noEntries)).isInstanceOf(TrafficFormatException.class)
                .hasMessageEndingWith("not a HAR file: expected {\"log\": {\"entries\": [...]}}, but log has no \"entries\" array");
        assertThatThrownBy(() -> HarTraffic.open(array)).hasMessageEndingWith("but the top level is an array");
        assertThatThrownBy(() -> HarTraffic.open(empty)).hasMessageEndingWith("but the file is empty");
    }

    @Test
    void anEntryWithoutARequiredFieldIsNamedWithItsNumber() throws IOException {
        Path noUrl = har("no-url.har", entry("2024-01-01T10:00:00Z", "https://a.example/", "") + ","
                + "{\"startedDateTime\": \"2024-01-01T10:00:01Z\", \"request\": {\"method\": \"GET\", \"headers\": []}}");
        Path badDate = har("bad-date.har", "{\"startedDateTime\": \"yesterday\", \"request\": {\"method\": \"GET\", \"url\": \"/\"}}");

        assertThatThrownBy(() -> HarTraffic.open(noUrl))
                .isInstanceOfSatisfying(TrafficFormatException.class, e -> assertThat(e.record()).isEqualTo(2))
                .hasMessageContaining(": record 2 at byte ")
                .hasMessageEndingWith("missing required field request.url");
        assertThatThrownBy(() -> HarTraffic.open(badDate))
                .hasMessageContaining(": record 1 at byte ")
                .hasMessageContaining("startedDateTime \"yesterday\" is not an ISO-8601 date-time");
    }

    @Test
    void aMissingFileIsSaidPlainly() {
        Path missing = tmp.resolve("nope.har");
        assertThatThrownBy(() -> HarTraffic.open(missing)).isInstanceOf(TrafficFormatException.class)
                .hasMessage(missing + ": no such file");
    }
}
