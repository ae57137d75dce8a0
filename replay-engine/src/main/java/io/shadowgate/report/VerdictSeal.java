package io.shadowgate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Seals a {@code verdict.json} and checks a seal, so that {@code shadowgate verify} can tell an
 * unmodified verdict from an edited one. Stateless and thread-safe.
 *
 * <p><b>What is hashed.</b> The seal's value is the SHA-256, in lower-case hex, of the file's
 * <em>canonical form</em>: the file's own JSON tokens in the order they appear, with
 * <ul>
 *   <li>the top-level {@code seal} member (name and value) left out, whatever its value;</li>
 *   <li>no whitespace between tokens;</li>
 *   <li>numbers exactly as written in the file (their text, not a re-printed double, so the form
 *       does not depend on the Java version);</li>
 *   <li>member names and strings re-encoded as UTF-8 JSON strings that escape only {@code "},
 *       {@code \} and the characters below U+0020 ({@code \b \t \n \f \r}, others as
 *       {@code \}{@code u00XX}), so two spellings of the same string are one;</li>
 *   <li>{@code true}, {@code false} and {@code null} as such.</li>
 * </ul>
 * A file with a repeated member name, trailing content, or a top level that is not an object
 * has no canonical form: it is not a verdict. Whitespace and string escapes may change without
 * breaking the seal; any name, value, number's text or order may not. The writer seals by
 * writing the result with {@code seal: null} and hashing that text's canonical form, which is
 * the same as the written file's, so one rule serves both sides.
 *
 * <p>A seal proves the file is unchanged since it was sealed, not who sealed it: anyone can
 * compute one. Keep verdicts where only the pipeline writes, or sign them, when that matters.
 */
public final class VerdictSeal {

    /** The only algorithm written and accepted. */
    public static final String ALGORITHM = "SHA-256";

    /** The top-level member that holds the seal and is left out of what it covers. */
    public static final String FIELD = "seal";

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private VerdictSeal() {
    }

    /** How a file's seal compared with its content. */
    public enum Status {
        /** The seal matches: the file is as it was written. */
        INTACT,
        /** There is no seal (or it is null): written before sealing, or the seal was removed. */
        MISSING,
        /** The seal is not an object with a {@value #ALGORITHM} algorithm and a hex value. */
        UNSUPPORTED,
        /** The seal does not match: the file was changed after it was written. */
        MODIFIED
    }

    /**
     * The outcome of checking a file's seal.
     *
     * @param status   the comparison
     * @param sealed   the value the file's seal holds, or null when it holds none
     * @param computed the value the file's content hashes to now
     */
    public record Check(Status status, String sealed, String computed) {

        public boolean intact() {
            return status == Status.INTACT;
        }

        /** One line for people, e.g. {@code the seal does not match: ...}. */
        public String describe() {
            return switch (status) {
                case INTACT -> "the seal matches (" + ALGORITHM + " " + computed + ")";
                case MISSING -> "it has no seal, so it cannot be shown to be unmodified";
                case UNSUPPORTED -> "its seal is not {\"algorithm\": \"" + ALGORITHM + "\", \"value\": HEX}";
                case MODIFIED -> "it was modified after it was written: its seal says " + sealed
                        + " but its content hashes to " + computed;
            };
        }
    }

    /** {@code result} with the seal of its own {@code verdict.json} form. */
    public static RunResult seal(RunResult result) {
        byte[] unsealed = VerdictJson.toJson(result.withSeal(null)).getBytes(StandardCharsets.UTF_8);
        try {
            return result.withSeal(new Seal(ALGORITHM, digest(unsealed)));
        } catch (IOException e) {
            throw new IllegalStateException("a result always serialises to a verdict", e);
        }
    }

    /**
     * Checks the seal of the bytes of a {@code verdict.json}.
     *
     * @throws IOException when they are not a JSON object as a verdict is (see the class comment)
     */
    public static Check check(byte[] json) throws IOException {
        Canonical canonical = canonical(json);
        String computed = sha256(canonical.bytes());
        String[] seal = canonical.seal();
        if (seal == null) {
            return new Check(Status.MISSING, null, computed);
        }
        if (!ALGORITHM.equals(seal[0]) || seal[1] == null || !seal[1].matches("[0-9a-fA-F]{64}")) {
            return new Check(Status.UNSUPPORTED, seal[1], computed);
        }
        return new Check(seal[1].equalsIgnoreCase(computed) ? Status.INTACT : Status.MODIFIED, seal[1], computed);
    }

    /** The seal value of a verdict's bytes: SHA-256 of the canonical form, hex. */
    static String digest(byte[] json) throws IOException {
        return sha256(canonical(json).bytes());
    }

    /** The canonical form, and the seal's algorithm and value as found (null when there is no seal). */
    private record Canonical(byte[] bytes, String[] seal) {
    }

    private static Canonical canonical(byte[] json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
        String[] seal = null;
        try (JsonParser p = JSON.createParser(json); JsonGenerator g = JSON.createGenerator(out)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a JSON object");
            }
            g.writeStartObject();
            int depth = 1;
            while (depth > 0) {
                JsonToken t = p.nextToken();
                if (t == null) {
                    throw new JsonParseException(p, "unexpected end of the document");
                }
                if (depth == 1 && t == JsonToken.FIELD_NAME && FIELD.equals(p.currentName())) {
                    seal = sealOf(p);
                    continue;
                }
                switch (t) {
                    case START_OBJECT -> {
                        g.writeStartObject();
                        depth++;
                    }
                    case START_ARRAY -> {
                        g.writeStartArray();
                        depth++;
                    }
                    case END_OBJECT -> {
                        g.writeEndObject();
                        depth--;
                    }
                    case END_ARRAY -> {
                        g.writeEndArray();
                        depth--;
                    }
                    case FIELD_NAME -> g.writeFieldName(p.currentName());
                    case VALUE_STRING -> g.writeString(p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
                    case VALUE_TRUE -> g.writeBoolean(true);
                    case VALUE_FALSE -> g.writeBoolean(false);
                    case VALUE_NULL -> g.writeNull();
                    default -> throw new JsonParseException(p, "unexpected " + t);
                }
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "content after the end of the verdict");
            }
        }
        return new Canonical(out.toByteArray(), seal);
    }

    /**
     * Reads the seal member's value, the parser on its name: {@code {algorithm, value}} as
     * strings ({@code {null, null}} when it is some other shape), or null when it is JSON null.
     */
    private static String[] sealOf(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        String[] seal = new String[2];
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return seal;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            String text = value == JsonToken.VALUE_STRING ? p.getText() : null;
            p.skipChildren();
            if (name.equals("algorithm")) {
                seal[0] = text;
            } else if (name.equals("value")) {
                seal[1] = text;
            }
        }
        return seal;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(ALGORITHM).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
        }
    }
}
