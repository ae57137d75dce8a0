package io.shadowgate.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import io.shadowgate.metrics.OutcomeCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code verdict.json} contract: the one Jackson configuration shared by
 * {@link VerdictJsonWriter} and {@link #read(Path)}, so what is written can always be read back.
 *
 * <p>Field names are the record components; enums are their names; instants are ISO-8601
 * strings; NaN and infinities are {@code null} (JSON has no NaN) and read back as NaN.
 * {@link OutcomeCounts} also carries its derived {@code errors}, {@code judged},
 * {@code errorRate} and {@code addsUp} for readers that are not Shadowgate; they are ignored
 * on reading because the record recomputes them. The top-level {@code seal} is written by
 * {@link VerdictJsonWriter} and defined by {@link VerdictSeal}. Thread-safe: the mapper is configured once.
 */
public final class VerdictJson {

    /** The file name every run writes into its result directory. */
    public static final String FILE_NAME = "verdict.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(contractModule())
            .addMixIn(OutcomeCounts.class, OutcomeCountsMixin.class)
            // Target versions are a map: sorted keys keep the file diffable and the golden stable.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // A truncated or hand-edited file must fail loudly, not turn into zeros.
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A repeated name would let a reader and the seal see different values; JSON leaves it undefined.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Two-space indent and '\n' on every platform, so the bytes do not depend on the OS. */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private VerdictJson() {
    }

    /** Any part of a result (a verdict, a gate) as pretty JSON, with the same rules as verdict.json. */
    public static String toJson(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("a result record always serialises", e);
        }
    }

    /** The pretty-printing writer; package-private so only the report writers share it. */
    static ObjectWriter writer() {
        return WRITER;
    }

    /**
     * Reads a {@code verdict.json} back into the RunResult it was written from.
     *
     * @throws IOException naming the file if it is unreadable, not valid JSON, of an unknown
     *                     schema version, or missing a field
     */
    public static RunResult read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file);
    }

    /**
     * Reads the bytes of a {@code verdict.json}, as {@link #read(Path)} does; {@code file} names
     * them in messages. Files written before sealing, target identities, rollouts, capacity knees and
     * the schedule check existed read with them null.
     */
    public static RunResult read(byte[] content, Path file) throws IOException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode version = tree == null ? null : tree.get("schemaVersion");
        if (version == null || !version.isIntegralNumber()) {
            throw new IOException(file + ": schemaVersion is missing; expected " + RunResult.SCHEMA_VERSION);
        }
        if (version.intValue() < 1 || version.intValue() > RunResult.SCHEMA_VERSION) {
            throw new IOException(file + ": schemaVersion " + version.asText()
                    + " is not supported; this version of Shadowgate reads 1 to " + RunResult.SCHEMA_VERSION);
        }
        addedLater(tree, VerdictSeal.FIELD);
        addedLater(tree, "rollout");
        addedLater(tree, "capacity");
        addedLater(tree, "pace");
        JsonNode responses = tree.get("responses");
        if (responses instanceof ObjectNode object && !object.has("contractResponses")) {
            // Older files judged the contract on pairs compared; without the count, say none.
            object.put("contractResponses", 0);
        }
        addedLater(tree.get("info"), "targetIdentities");
        try {
            return MAPPER.treeToValue(tree, RunResult.class);
        } catch (JsonMappingException e) {
            throw new IOException(file + ": at " + pointer(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Fields added to schema 1 after files were written without them: absent reads as null.
     * Every other field must be present, so a truncated or hand-edited file still fails.
     */
    private static void addedLater(JsonNode parent, String field) {
        if (parent instanceof ObjectNode object && !object.has(field)) {
            object.putNull(field);
        }
    }

    /** Where in the document binding failed, as a JSON Pointer such as {@code /targets/0/counts}. */
    private static String pointer(JsonMappingException e) {
        StringBuilder at = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                at.append('/').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                at.append('/').append(ref.getIndex());
            }
        }
        return at.length() == 0 ? "/" : at.toString();
    }

    /**
     * A string as JSON can carry it: an unpaired surrogate (a response's {@code "\ud800"} decodes
     * to one) becomes U+FFFD. UTF-8 has no encoding for it, so writing it would fail, and the seal
     * hashes UTF-8; everything else is kept as it is.
     */
    static String sound(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static final class SoundText extends StdScalarSerializer<String> {
        SoundText() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(sound(value));
        }
    }

    private static final class SoundKey extends StdScalarSerializer<String> {
        SoundKey() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeFieldName(sound(value));
        }
    }

    private static SimpleModule contractModule() {
        SimpleModule module = new SimpleModule("shadowgate-verdict-json");
        module.addSerializer(Double.class, new NonFiniteAsNull());
        module.addSerializer(Double.TYPE, new NonFiniteAsNull());
        module.addDeserializer(Double.class, new NullAsNaN());
        module.addDeserializer(Double.TYPE, new NullAsNaN());
        module.addSerializer(Instant.class, new InstantAsIso());
        module.addSerializer(String.class, new SoundText());
        module.addKeySerializer(String.class, new SoundKey());
        module.addDeserializer(Instant.class, new IsoAsInstant());
        return module;
    }

    /**
     * Publishes the derived counts; they are read-only, so reading skips them. The order is
     * spelled out because Jackson would otherwise place the derived ones in reflection order,
     * which varies from one JVM run to the next; the bytes of verdict.json must not.
     */
    @JsonIgnoreProperties(value = {"errors", "judged", "errorRate", "addsUp"}, allowGetters = true)
    @JsonPropertyOrder({"scheduled", "status2xx", "status3xx", "status4xx", "status5xx", "timeouts",
        "connectionErrors", "notSent", "errors", "judged", "errorRate", "addsUp"})
    private abstract static class OutcomeCountsMixin {
        @JsonProperty("errors")
        abstract long errors();

        @JsonProperty("judged")
        abstract long judged();

        @JsonProperty("errorRate")
        abstract double errorRate();

        @JsonProperty("addsUp")
        abstract boolean addsUp();
    }

    /** JSON has no NaN or Infinity; Jackson would otherwise write them as strings or bare tokens. */
    private static final class NonFiniteAsNull extends StdScalarSerializer<Double> {
        NonFiniteAsNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    /** The inverse of {@link NonFiniteAsNull}: null means "no value", which the records hold as NaN. */
    private static final class NullAsNaN extends StdScalarDeserializer<Double> {
        NullAsNaN() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }

    private static final class InstantAsIso extends StdScalarSerializer<Instant> {
        InstantAsIso() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class IsoAsInstant extends StdScalarDeserializer<Instant> {
        IsoAsInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                        "expected an ISO-8601 instant such as 2024-05-01T12:00:00Z");
            }
        }
    }
}
