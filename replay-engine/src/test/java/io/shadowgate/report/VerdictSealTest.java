package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seal of verdict.json: what it covers, what breaks it, what does not. */
class VerdictSealTest {

    @TempDir
    Path tmp;

    private final ObjectMapper plain = new ObjectMapper();

    @Test
    void everyWrittenVerdictIsSealedAndChecksIntact() throws IOException {
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp);
        JsonNode root = plain.readTree(file.toFile());

        assertThat(root.at("/seal/algorithm").textValue()).isEqualTo("SHA-256");
        assertThat(root.at("/seal/value").textValue()).matches("[0-9a-f]{64}");
        VerdictSeal.Check check = VerdictSeal.check(Files.readAllBytes(file));
        assertThat(check.status()).isEqualTo(VerdictSeal.Status.INTACT);
        assertThat(check.computed()).isEqualTo(root.at("/seal/value").textValue());
        assertThat(VerdictJson.read(file).seal().value()).isEqualTo(check.computed());
    }

    @Test
    void theSealIsTheSha256OfTheFileCompactedWithoutItsSeal() throws Exception {
        // The documented rule computed another way: a plain Jackson tree keeps the members in
        // file order and prints these numbers as they were written; drop the seal, print compact.
        Path file = new VerdictJsonWriter().write(RunResultFixture.go(), tmp);
        ObjectNode root = (ObjectNode) plain.readTree(file.toFile());
        String seal = root.at("/seal/value").textValue();
        root.remove("seal");
        String compact = plain.writeValueAsString(root);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(compact.getBytes(StandardCharsets.UTF_8)));

        assertThat(seal).isEqualTo(expected);
    }

    @Test
    void whitespaceAndStringEscapesDoNotBreakTheSeal() throws IOException {
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp);
        String text = Files.readString(file);
        // Re-indented with tabs and CRLF, and one plain character written as an escape.
        String reformatted = text.replace("  ", "\t").replace("\n", "\r\n")
                .replace("\"shadow\"", "\"sh\\u0061dow\"");

        assertThat(reformatted).isNotEqualTo(text);
        assertThat(VerdictSeal.check(reformatted.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(VerdictSeal.Status.INTACT);
    }

    @Test
    void oneChangedNumberBreaksTheSeal() throws IOException {
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp);
        String text = Files.readString(file);
        String tampered = text.replaceFirst("\"scheduled\" : 1000,", "\"scheduled\" : 1001,");
        assertThat(tampered).isNotEqualTo(text);

        VerdictSeal.Check check = VerdictSeal.check(tampered.getBytes(StandardCharsets.UTF_8));

        assertThat(check.status()).isEqualTo(VerdictSeal.Status.MODIFIED);
        assertThat(check.describe()).contains("modified after it was written").contains(check.sealed())
                .contains(check.computed());
    }

    @Test
    void aChangedDerivedFieldBreaksTheSealThoughTheReaderIgnoresIt() throws IOException {
        // errorRate is recomputed on reading, so a re-read result would look untouched; the seal
        // covers the file as written, which is what a CI step reading errorRate would see.
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp);
        String text = Files.readString(file);
        String tampered = text.replaceFirst("\"errorRate\" : 0.006,", "\"errorRate\" : 0.0,");
        assertThat(tampered).isNotEqualTo(text);

        assertThat(VerdictSeal.check(tampered.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(VerdictSeal.Status.MODIFIED);
    }

    @Test
    void theSameValueWrittenAsAnotherNumberBreaksTheSeal() throws IOException {
        // Numbers are covered as written: 1000 and 1000.0 are different text.
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp);
        String tampered = Files.readString(file).replaceFirst("\"scheduled\" : 1000,", "\"scheduled\" : 1000.0,");

        assertThat(VerdictSeal.check(tampered.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(VerdictSeal.Status.MODIFIED);
    }

    @Test
    void aRemovedOrNullSealIsMissingAndAnotherAlgorithmIsUnsupported() throws IOException {
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp);
        ObjectNode root = (ObjectNode) plain.readTree(file.toFile());

        ObjectNode removed = root.deepCopy();
        removed.remove("seal");
        ObjectNode nulled = root.deepCopy();
        nulled.putNull("seal");
        ObjectNode md5 = root.deepCopy();
        ((ObjectNode) md5.get("seal")).put("algorithm", "MD5");

        assertThat(VerdictSeal.check(plain.writeValueAsBytes(removed)).status()).isEqualTo(VerdictSeal.Status.MISSING);
        assertThat(VerdictSeal.check(plain.writeValueAsBytes(nulled)).status()).isEqualTo(VerdictSeal.Status.MISSING);
        assertThat(VerdictSeal.check(plain.writeValueAsBytes(md5)).status())
                .isEqualTo(VerdictSeal.Status.UNSUPPORTED);
    }

    @Test
    void aRepeatedNameOrTrailingContentIsNotAVerdict() throws IOException {
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp);
        String text = Files.readString(file);
        // A second "partial" would make readers disagree on which one counts.
        String repeated = text.replaceFirst("\"partial\" : false,", "\"partial\" : true, \"partial\" : false,");

        assertThatThrownBy(() -> VerdictSeal.check(repeated.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("partial");
        assertThatThrownBy(() -> VerdictJson.read(repeated.getBytes(StandardCharsets.UTF_8), file))
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> VerdictSeal.check((text + "{}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> VerdictSeal.check("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aFileWrittenBeforeSealsAndIdentitiesReadsWithBothNull() throws IOException {
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp);
        ObjectNode root = (ObjectNode) plain.readTree(file.toFile());
        root.remove("seal");
        ((ObjectNode) root.get("info")).remove("targetIdentities");
        plain.writeValue(file.toFile(), root);

        RunResult read = VerdictJson.read(file);

        assertThat(read.seal()).isNull();
        assertThat(read.info().targetIdentities()).isNull();
        assertThat(read.info().targetVersions()).containsEntry("candidate", "model-v40 <rollback>");
    }

    @Test
    void rewritingAResultReadBackGivesTheSameSeal() throws IOException {
        Path first = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp.resolve("a"));
        Path second = new VerdictJsonWriter().write(VerdictJson.read(first), tmp.resolve("b"));

        assertThat(VerdictJson.read(second).seal()).isEqualTo(VerdictJson.read(first).seal());
    }
}
