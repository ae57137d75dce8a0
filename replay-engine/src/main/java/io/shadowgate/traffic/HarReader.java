package io.shadowgate.traffic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a HAR document token by token down to {@code log.entries} and turns each entry into a
 * {@link HarEntry} as soon as it is parsed, so that only one entry's JSON tree is alive at a
 * time; everything outside {@code log.entries} (pages, creator, custom fields) is skipped
 * without being built. One instance reads one file, on one thread.
 */
final class HarReader {

    /**
     * Jackson's default cap on one string is 20M chars; a browser export can exceed it with a
     * single base64 body (a video, a large bundle), and the whole file is in memory anyway.
     */
    static final int MAX_STRING_CHARS = 256 * 1024 * 1024;

    static final String EXPECTED = "expected {\"log\": {\"entries\": [...]}}";

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
            .build());

    private final Path file;
    private final JsonParser parser;
    /** 1-based number of the entry being read, for messages; 0 outside {@code log.entries}. */
    private long entryNumber;

    private HarReader(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** Reads every entry of {@code file}, in file order. */
    static List<HarEntry> read(Path file) {
        // From an InputStream (not a Reader) so that Jackson detects and skips a UTF-8 BOM.
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            return new HarReader(file, parser).document();
        } catch (NoSuchFileException e) {
            throw new TrafficFormatException(file, 0, -1, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private List<HarEntry> document() throws IOException {
        try {
            List<HarEntry> entries = root();
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw notHar("there is " + describe(trailing) + " after the HAR document");
            }
            return entries;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new TrafficFormatException(file, entryNumber, at == null ? -1 : at.getByteOffset(),
                    "not a HAR file: " + EXPECTED + ", but the JSON breaks" + where + ": " + e.getOriginalMessage());
        }
    }

    private List<HarEntry> root() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw notHar("the file is empty");
        }
        if (token != JsonToken.START_OBJECT) {
            throw notHar("the top level is " + describe(token));
        }
        List<HarEntry> entries = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("log".equals(name) && entries == null) {
                if (value != JsonToken.START_OBJECT) {
                    throw notHar("\"log\" is " + describe(value));
                }
                entries = log();
            } else {
                parser.skipChildren();
            }
        }
        if (entries == null) {
            throw notHar("there is no \"log\" object");
        }
        return entries;
    }

    private List<HarEntry> log() throws IOException {
        List<HarEntry> entries = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("entries".equals(name) && entries == null) {
                if (value != JsonToken.START_ARRAY) {
                    throw notHar("log.entries is " + describe(value));
                }
                entries = entries();
            } else {
                parser.skipChildren();
            }
        }
        if (entries == null) {
            throw notHar("log has no \"entries\" array");
        }
        return entries;
    }

    private List<HarEntry> entries() throws IOException {
        List<HarEntry> out = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            entryNumber = out.size() + 1L;
            long offset = parser.currentTokenLocation().getByteOffset();
            if (token != JsonToken.START_OBJECT) {
                throw new TrafficFormatException(file, entryNumber, offset,
                        "log.entries holds " + describe(token) + "; expected an entry object");
            }
            JsonNode entry = JSON.readTree(parser);
            try {
                out.add(HarEntry.from(entry));
            } catch (IllegalArgumentException e) {
                throw new TrafficFormatException(file, entryNumber, offset, e.getMessage());
            }
        }
        entryNumber = 0;
        return out;
    }

    private TrafficFormatException notHar(String detail) {
        return new TrafficFormatException(file, 0, parser.currentTokenLocation().getByteOffset(),
                "not a HAR file: " + EXPECTED + ", but " + detail);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
