package io.shadowgate.traffic;

import io.shadowgate.traffic.HttpMessageParser.MalformedHttpException;
import java.io.ByteArrayOutputStream;

/**
 * Undoes {@code Transfer-Encoding: chunked} (RFC 9112 §7.1) on a captured message, so the replay
 * client can frame the body however it likes. Chunk extensions and trailer fields are dropped:
 * nothing in a replay or a comparison uses them. Stateless.
 */
final class ChunkedBodyDecoder {

    private ChunkedBodyDecoder() {
    }

    /**
     * Reads chunks from {@code in}, positioned at the first chunk-size line, up to and including
     * the trailer section. With {@code strict} false a body cut short is returned as far as it goes.
     */
    static byte[] decode(HttpMessageParser in, boolean strict) throws MalformedHttpException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = in.line();
            if (sizeLine == null) {
                return cutShort(out, strict, "no last chunk (size 0)");
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            // At most 8 hex digits: a size that does not fit an int cannot be in a captured payload anyway.
            if (!hex.matches("[0-9A-Fa-f]{1,8}")) {
                throw new MalformedHttpException("chunk size line '" + HttpMessageParser.shorten(sizeLine)
                        + "' does not parse; expected a hexadecimal size");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                String trailer;
                do { // Trailer fields until the empty line; a capture may end right before that line.
                    trailer = in.line();
                } while (trailer != null && !trailer.isEmpty());
                return out.toByteArray();
            }
            if (size > in.remaining()) {
                in.copyTo(out, in.remaining());
                return cutShort(out, strict, "a chunk of " + size + " bytes runs past the end");
            }
            in.copyTo(out, (int) size);
            String end = in.line();
            if (end == null) {
                return cutShort(out, strict, "no line end after a chunk's data");
            }
            if (!end.isEmpty()) {
                throw new MalformedHttpException("chunk data of " + size + " bytes is followed by '"
                        + HttpMessageParser.shorten(end) + "'; expected CRLF (wrong chunk size?)");
            }
        }
    }

    /** Lenient: the data decoded so far, without a partial size line or chunk delimiter. */
    private static byte[] cutShort(ByteArrayOutputStream out, boolean strict, String what) throws MalformedHttpException {
        if (strict) {
            throw new MalformedHttpException("the chunked body is cut short: " + what);
        }
        return out.toByteArray();
    }
}
