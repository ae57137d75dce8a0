package io.shadowgate.compare.response;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A body read as the comparison needs it: a JSON tree, text, or opaque bytes.
 *
 * <p>The rule: JSON when it parses as one JSON value with nothing after it and either the
 * content type says JSON ({@code application/json}, {@code *+json}) or the value is an object
 * or array (so a {@code text/plain} body holding {@code {"a":1}} is JSON, a bare {@code 42} is
 * text). Otherwise text when the content type is textual (or absent) and the bytes are valid
 * UTF-8; otherwise binary, including every other declared content type.
 *
 * @param format which of the three it is
 * @param json   the tree, for {@link Format#JSON}; else null
 * @param text   the decoded text, for {@link Format#TEXT}; else null
 */
record ParsedBody(Format format, JsonNode json, String text) {

    enum Format { JSON, TEXT, BINARY }

    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Model responses are mostly floating-point scores: the fast parser gives the same doubles, sooner.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build()
            .reader();

    private static final ParsedBody BINARY = new ParsedBody(Format.BINARY, null, null);

    private enum Declared { JSON, TEXT, BINARY, NONE }

    static ParsedBody parse(byte[] body, String contentType) {
        Declared declared = declared(contentType);
        if (declared == Declared.JSON || startsLikeContainer(body)) {
            JsonNode tree = tryJson(body);
            if (tree != null && (declared == Declared.JSON || tree.isContainerNode())) {
                return new ParsedBody(Format.JSON, tree, null);
            }
        }
        if (declared == Declared.BINARY) {
            return BINARY;
        }
        String text = utf8(body);
        return text == null ? BINARY : new ParsedBody(Format.TEXT, null, text);
    }

    /** The body as text when it is valid UTF-8, else null: a JSON body that is also text can be diffed as text. */
    static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static JsonNode tryJson(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (IOException e) {
            // Not JSON (or beyond Jackson's nesting and size limits): compared as text or bytes.
            return null;
        }
    }

    private static boolean startsLikeContainer(byte[] body) {
        for (byte b : body) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    private static Declared declared(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Declared.NONE;
        }
        String media = contentType;
        int semicolon = media.indexOf(';');
        if (semicolon >= 0) {
            media = media.substring(0, semicolon);
        }
        media = media.trim().toLowerCase(Locale.ROOT);
        if (media.equals("application/json") || media.endsWith("+json")) {
            return Declared.JSON;
        }
        if (media.startsWith("text/") || media.endsWith("+xml") || media.equals("application/xml")
                || media.equals("application/javascript") || media.equals("application/ecmascript")
                || media.equals("application/x-www-form-urlencoded") || media.equals("application/yaml")
                || media.equals("application/x-yaml") || media.equals("application/x-ndjson")
                || media.equals("application/graphql") || media.equals("application/csv")) {
            return Declared.TEXT;
        }
        return Declared.BINARY;
    }
}
