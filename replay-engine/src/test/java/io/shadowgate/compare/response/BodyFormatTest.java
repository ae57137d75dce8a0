package io.shadowgate.compare.response;

import static io.shadowgate.compare.response.Responses.json;
import static io.shadowgate.compare.response.Responses.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.shadowgate.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies that are not JSON on both sides: text with a unified diff, binary with length and hash. */
class BodyFormatTest {

    private final ResponseComparator comparator = new ResponseComparator(DiffRules.defaults());

    @Test
    void textBodiesGetAUnifiedDiffWithContext() {
        String baseline = "line1\nline2\nline3\nline4\nline5\nline6\n";
        String candidate = "line1\nline2\nLINE3\nline4\nline5\nnew\nline6\n";
        List<Difference> found = comparator.compare(response(200, "text/plain", baseline), response(200, "text/plain", candidate));
        assertThat(found).hasSize(1);
        Difference d = found.get(0);
        assertThat(d.path()).isEqualTo("body");
        assertThat(d.kind()).isEqualTo(DifferenceKind.TEXT_CHANGED);
        assertThat(d.location()).isEqualTo("body:3");
        assertThat(d.baselineValue()).isEqualTo("line3");
        assertThat(d.candidateValue()).isEqualTo("LINE3");
        assertThat(d.detail()).isEqualTo("""
                @@ -1,6 +1,7 @@
                 line1
                 line2
                -line3
                +LINE3
                 line4
                 line5
                +new
                 line6""");
    }

    @Test
    void distantChangesMakeSeparateHunks() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            a.append("row ").append(i).append('\n');
            b.append(i == 5 ? "ROW 5" : i == 25 ? "ROW 25" : "row " + i).append('\n');
        }
        String diff = comparator.compare(response(200, "text/csv", a.toString()), response(200, "text/csv", b.toString()))
                .get(0).detail();
        assertThat(diff).isEqualTo("""
                @@ -3,5 +3,5 @@
                 row 3
                 row 4
                -row 5
                +ROW 5
                 row 6
                 row 7
                @@ -23,5 +23,5 @@
                 row 23
                 row 24
                -row 25
                +ROW 25
                 row 26
                 row 27""");
    }

    @Test
    void aPathologicalTextFallsBackToTheFirstDifferingLine() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            a.append("a").append(i).append('\n');
            b.append("b").append(i).append('\n');
        }
        Difference d = comparator.compare(response(200, "text/plain", "same\n" + a), response(200, "text/plain", "same\n" + b)).get(0);
        assertThat(d.location()).isEqualTo("body:2");
        assertThat(d.baselineValue()).isEqualTo("a0");
        assertThat(d.candidateValue()).isEqualTo("b0");
        assertThat(d.detail()).isEqualTo("(no line diff: more than 200 lines inserted or deleted; first difference at line 2)");
    }

    @Test
    void aLongDiffIsCut() {
        ResponseComparator small = new ResponseComparator(DiffRules.defaults(), new CompareLimits(120, 3, 20_000, 200, 5, 0));
        String detail = small.compare(response(200, "text/plain", "a\nb\nc\nd\n"), response(200, "text/plain", "A\nB\nC\nD\n"))
                .get(0).detail();
        assertThat(detail.split("\n")).containsExactly("@@ -1,4 +1,4 @@", "-a", "-b", "-c", "-d", "… (4 more diff lines)");
    }

    @Test
    void onlyTheFinalNewlineDiffers() {
        Difference d = comparator.compare(response(200, "text/plain", "a\nb\n"), response(200, "text/plain", "a\nb")).get(0);
        assertThat(d.detail()).isEqualTo("(the texts differ only in line endings or in the newline at the end)");
    }

    @Test
    void jsonAgainstAnHtmlPageIsComparedAsText() {
        List<Difference> found = comparator.compare(json("{\"a\":1}"), response(200, "text/html", "<p>busy</p>"));
        assertThat(found).extracting(Difference::path).containsExactly("header:content-type", "body");
        assertThat(found.get(1).detail()).isEqualTo("@@ -1,1 +1,1 @@\n-{\"a\":1}\n+<p>busy</p>");
    }

    @Test
    void binaryBodiesAreComparedByLengthAndSha256() {
        ResponseSnapshot b = response(200, "image/png", "abc");
        ResponseSnapshot c = response(200, "image/png", "abd");
        List<Difference> found = comparator.compare(b, c);
        assertThat(found).containsExactly(new Difference("body", "body", DifferenceKind.BINARY_CHANGED,
                "3 bytes, sha256 ba7816bf8f01cfea…", "3 bytes, sha256 a52d159f262b2c6d…",
                "baseline 3 bytes sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad, "
                        + "candidate 3 bytes sha256:a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9"));
    }

    @Test
    void invalidUtf8WithoutAContentTypeIsBinary() {
        ResponseSnapshot b = new ResponseSnapshot(200, List.of(), new byte[] {(byte) 0xC3, (byte) 0x28, 1});
        ResponseSnapshot c = new ResponseSnapshot(200, List.of(), new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThat(comparator.compare(b, c)).extracting(Difference::kind).containsExactly(DifferenceKind.BINARY_CHANGED);
    }

    @Test
    void textWithoutAContentTypeIsText() {
        ResponseSnapshot b = new ResponseSnapshot(200, List.of(), "héllo\n".getBytes(StandardCharsets.UTF_8));
        ResponseSnapshot c = new ResponseSnapshot(200, List.of(), "hello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(comparator.compare(b, c)).extracting(Difference::kind, Difference::baselineValue)
                .containsExactly(tuple(DifferenceKind.TEXT_CHANGED, "héllo"));
    }

    @Test
    void invalidJsonUnderAJsonContentTypeIsComparedAsText() {
        List<Difference> found = comparator.compare(json("{\"a\":1,}"), json("{\"a\":2,}"));
        assertThat(found).extracting(Difference::kind).containsExactly(DifferenceKind.TEXT_CHANGED);
        assertThat(found.get(0).detail()).isEqualTo("@@ -1,1 +1,1 @@\n-{\"a\":1,}\n+{\"a\":2,}");
    }

    @Test
    void anEmptyBodyAgainstJsonIsATextChange() {
        ResponseSnapshot empty = new ResponseSnapshot(200, List.of(new Header("Content-Type", "application/json")), new byte[0]);
        List<Difference> found = comparator.compare(empty, json("{\"a\":1}"));
        assertThat(found).extracting(Difference::kind).containsExactly(DifferenceKind.TEXT_CHANGED);
    }
}
