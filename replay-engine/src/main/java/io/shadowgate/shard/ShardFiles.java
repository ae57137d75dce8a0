package io.shadowgate.shard;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A shard's result directory on disk. {@value #STARTED} is written as the shard begins (so a
 * shard that never finishes is told apart from a directory that is not a shard at all), the
 * scenario is copied in as {@code scenario.<ext>} (the merge judges by its gates), the
 * interval logs {@code <role>.hlog} are written while it runs, and {@value #RESULT} last,
 * atomically (written beside and renamed), so a result that exists is complete. Histograms are
 * HdrHistogram's compressed encoding in base64. Stateless; the mapper is configured once.
 */
public final class ShardFiles {

    /** The shard's result, written last. */
    public static final String RESULT = "shard.json";
    /** Written when the shard begins: the identity alone. */
    public static final String STARTED = "shard-started.json";
    /** What {@code merge} writes beside the reports: the merged recordings, in the shard format. */
    public static final String MERGED = "merged.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("shadowgate-shard")
                    .addSerializer(Histogram.class, new HistogramSerializer())
                    .addDeserializer(Histogram.class, new HistogramDeserializer()))
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ShardFiles() {
    }

    /** Writes {@code result} as {@code dir/name}, atomically: readers see the whole file or none. */
    public static Path write(ShardResult result, Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        Path partial = dir.resolve(name + ".part");
        MAPPER.writeValue(partial.toFile(), result);
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** Marks {@code dir} as a shard's that has begun: what a merge finds there if the shard never finishes. */
    public static void writeStarted(ShardIdentity identity, Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(RESULT));
        MAPPER.writeValue(dir.resolve(STARTED).toFile(), identity);
    }

    /** Copies the scenario file in as {@code scenario.<ext>} and returns it. */
    public static Path copyScenario(Path scenario, Path dir) throws IOException {
        return Files.copy(scenario, dir.resolve(scenarioName(scenario)), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The scenario copy a result directory holds, or null if it has none. */
    public static Path scenarioIn(Path dir) {
        for (String ext : new String[] {"yaml", "yml", "json"}) {
            Path p = dir.resolve("scenario." + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String scenarioName(Path scenario) {
        String name = scenario.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") ? "scenario.json" : name.endsWith(".yml") ? "scenario.yml" : "scenario.yaml";
    }

    /**
     * Reads the shard result in {@code dir}.
     *
     * @throws NotAShardException    when {@code dir} is not a shard's result directory at all
     * @throws UnreadableShardException when it is one, but its result is missing (the shard never
     *                               finished), damaged, or of another format version
     */
    public static ShardResult read(Path dir) throws NotAShardException, UnreadableShardException {
        if (!Files.isDirectory(dir)) {
            throw new NotAShardException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory")
                    + "; expected the result directory of 'shadowgate run --shard I/N'");
        }
        Path file = dir.resolve(RESULT);
        if (!Files.isRegularFile(file)) {
            if (Files.isRegularFile(dir.resolve(STARTED))) {
                throw new UnreadableShardException(dir, "has " + STARTED + " but no " + RESULT
                        + ": the shard began and never finished (killed, crashed, or still running)");
            }
            throw new NotAShardException(dir + ": holds no " + RESULT + "; expected the result directory of "
                    + "'shadowgate run --shard I/N'" + (Files.isRegularFile(dir.resolve("verdict.json"))
                    ? " (this is a whole run's result: it has verdict.json)" : ""));
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new UnreadableShardException(dir, RESULT + " is not valid JSON at " + place(e.getLocation()) + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableShardException(dir, RESULT + " cannot be read: " + e.getMessage());
        }
        String format = tree == null ? null : tree.path("format").asText(null);
        if (!ShardResult.FORMAT.equals(format)) {
            throw new NotAShardException(file + ": 'format' is " + (format == null ? "missing" : "'" + format + "'")
                    + "; expected '" + ShardResult.FORMAT + "', as 'shadowgate run --shard I/N' writes");
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version != ShardResult.FORMAT_VERSION) {
            throw new UnreadableShardException(dir, RESULT + " has formatVersion " + tree.path("formatVersion")
                    + "; this Shadowgate reads " + ShardResult.FORMAT_VERSION + " only (the shard was written by "
                    + "another version: run every shard with the one that merges)");
        }
        try {
            return MAPPER.treeToValue(tree, ShardResult.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableShardException(dir, RESULT + " is damaged: " + e.getOriginalMessage()
                    + pathOf(e));
        }
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder at = new StringBuilder(" (at ");
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                at.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
            }
            return at.append(')').toString();
        }
        return "";
    }

    private static String place(JsonLocation location) {
        return location == null ? "an unknown place" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The encoded form of {@code h}: compressed, base64. */
    static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String text) throws DataFormatException {
        byte[] bytes = Base64.getDecoder().decode(text);
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
    }

    private static final class HistogramSerializer extends StdScalarSerializer<Histogram> {
        HistogramSerializer() {
            super(Histogram.class);
        }

        @Override
        public void serialize(Histogram value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(encode(value));
        }
    }

    private static final class HistogramDeserializer extends StdScalarDeserializer<Histogram> {
        HistogramDeserializer() {
            super(Histogram.class);
        }

        @Override
        public Histogram deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                Histogram h = decode(text);
                if (!HistogramConfig.CURRENT.fits(h)) {
                    return (Histogram) ctxt.handleWeirdStringValue(Histogram.class, text, "a histogram of another "
                            + "configuration (lowest %d, highest %d, %d digits); expected %s", h.getLowestDiscernibleValue(),
                            h.getHighestTrackableValue(), h.getNumberOfSignificantValueDigits(), HistogramConfig.CURRENT);
                }
                return h;
            } catch (IllegalArgumentException | DataFormatException | java.nio.BufferUnderflowException e) {
                return (Histogram) ctxt.handleWeirdStringValue(Histogram.class, text,
                        "not a compressed HdrHistogram in base64 (" + e.getMessage() + ")");
            }
        }
    }
}
