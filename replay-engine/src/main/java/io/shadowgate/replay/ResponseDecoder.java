package io.shadowgate.replay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a client connection's bytes into whole responses ({@link DecodedResponse}), one for
 * each request: interim responses are read and dropped, the body is framed as RFC 9112 6.3
 * says (none for HEAD, 1xx, 204 and 304; chunked; Content-Length; else until the connection
 * ends) and kept only when responses are compared. Bytes it cannot read as a response close the
 * connection. One instance per connection; event loop only.
 *
 * <p>Why not Netty's {@code HttpClientCodec}, which the replayer used until issue #8: it builds
 * a message, a header map with a string for every name and value, and a retained slice of the
 * body for every response, and a replay with no comparison reads only the status and the
 * framing from them. That decoding was about a tenth of a saturated event loop's CPU
 * (bench/README.md, "A decoder of its own"). This one finds the end of the head, reads it from
 * one copy, and makes strings only for what is kept. Its limits are Netty's defaults: a head of
 * at most {@link #MAX_HEAD_BYTES}.
 *
 * <p>DESIGN.md says not to hand-write HTTP codecs. This is the one exception, taken for issue
 * #8's throughput target, which Netty's codec kept out of reach (+11 % at saturation), and
 * kept honest by {@code ResponseDecoderTest}: real recorded responses, cut at random, must read
 * here as Netty's decoder reads them. It reads responses only, from targets the run was
 * pointed at; the capture proxy, which faces clients, keeps Netty's codec.
 */
final class ResponseDecoder extends ByteToMessageDecoder {

    /** The longest head (status line, header lines, trailers), Netty's default line and header limits together. */
    static final int MAX_HEAD_BYTES = 4096 + 8192;
    /** The longest chunk-size line, extensions included. */
    private static final int MAX_CHUNK_LINE_BYTES = 4096;

    private enum State { HEAD, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, FAILED }

    private final boolean keepBodies;
    private final int maxBodyBytes;
    private final boolean statedLatency;
    private final EmptyLine emptyLine = new EmptyLine();
    private byte[] headBytes = new byte[512];
    private State state = State.HEAD;
    /** Whether the request being answered is a HEAD, whose answer has no body. */
    private boolean toHead;
    private ResponseHead head;
    /** Bytes left of the body (Content-Length) or of the chunk being read. */
    private long remaining;
    private byte[] body;
    private int bodyLength;

    /**
     * @param keepBodies    whether to keep each response's header fields and body
     * @param maxBodyBytes  the largest body kept; a larger one closes the connection
     * @param statedLatency whether to read the latency a simulated target states
     */
    ResponseDecoder(boolean keepBodies, int maxBodyBytes, boolean statedLatency) {
        this.keepBodies = keepBodies;
        this.maxBodyBytes = maxBodyBytes;
        this.statedLatency = statedLatency;
    }

    /** The next request written on this connection has {@code method}: a HEAD's answer has no body. */
    void answering(String method) {
        toHead = "HEAD".equals(method);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case HEAD -> {
                    if (!readHead(ctx, in, out)) {
                        return;
                    }
                }
                case FIXED_BODY -> {
                    readBody(ctx, in);
                    if (remaining > 0) {
                        return;
                    }
                    emit(out);
                    return;
                }
                case CHUNK_SIZE -> {
                    if (!readChunkSize(ctx, in)) {
                        return;
                    }
                }
                case CHUNK_DATA -> {
                    readBody(ctx, in);
                    if (remaining > 0) {
                        return;
                    }
                    state = State.CHUNK_END;
                }
                case CHUNK_END -> {
                    if (!readChunkEnd(ctx, in)) {
                        return;
                    }
                }
                case TRAILERS -> {
                    // Trailer fields are read past: nothing here compares them.
                    int end = in.forEachByte(in.readerIndex(), Math.min(in.readableBytes(), MAX_HEAD_BYTES),
                            emptyLine.from(true));
                    if (end < 0) {
                        failIfLonger(ctx, in, MAX_HEAD_BYTES);
                        return;
                    }
                    in.readerIndex(end + 1);
                    emit(out);
                    return;
                }
                case UNTIL_CLOSE -> {
                    remaining = in.readableBytes();
                    readBody(ctx, in);
                    return;
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
            if (state == State.FAILED) {
                return;
            }
        }
    }

    /** The connection ended: a body framed by its end is whole now. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (state == State.UNTIL_CLOSE) {
            emit(out);
        }
    }

    /** Reads a head if all of it is here; true when reading goes on (a body, or the next head after an interim one). */
    private boolean readHead(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // Blank lines before a status line are skipped, as Netty's decoder skips them.
        while (in.isReadable() && isSpace(in.getByte(in.readerIndex()))) {
            in.skipBytes(1);
        }
        if (!in.isReadable()) {
            return false;
        }
        int end = in.forEachByte(in.readerIndex(), Math.min(in.readableBytes(), MAX_HEAD_BYTES), emptyLine.from(false));
        if (end < 0) {
            failIfLonger(ctx, in, MAX_HEAD_BYTES);
            return false;
        }
        int length = end + 1 - in.readerIndex();
        if (headBytes.length < length) {
            headBytes = new byte[Math.max(length, 2 * headBytes.length)];
        }
        in.readBytes(headBytes, 0, length);
        ResponseHead read = ResponseHead.parse(headBytes, length, keepBodies, statedLatency);
        if (read == null) {
            fail(ctx, in);
            return false;
        }
        if (read.interim()) {
            return true;
        }
        head = read;
        if (read.bodiless(toHead) || read.contentLength() == 0) {
            emit(out);
            return false;
        }
        if (read.chunked()) {
            state = State.CHUNK_SIZE;
            return startBody(ctx, in, 0);
        }
        if (read.contentLength() > 0) {
            state = State.FIXED_BODY;
            remaining = read.contentLength();
            return startBody(ctx, in, read.contentLength());
        }
        state = State.UNTIL_CLOSE;
        return startBody(ctx, in, 0);
    }

    /** Makes room for a kept body of {@code length} bytes if known; false (and the connection closed) if it is too long. */
    private boolean startBody(ChannelHandlerContext ctx, ByteBuf in, long length) {
        if (!keepBodies) {
            return true;
        }
        if (length > maxBodyBytes) {
            fail(ctx, in);
            return false;
        }
        body = new byte[length > 0 ? (int) length : 256];
        bodyLength = 0;
        return true;
    }

    /** Reads up to {@code remaining} bytes of the body: kept, or skipped. */
    private void readBody(ChannelHandlerContext ctx, ByteBuf in) {
        int n = (int) Math.min(remaining, in.readableBytes());
        if (!keepBodies) {
            in.skipBytes(n);
            remaining -= n;
            return;
        }
        if (bodyLength + (long) n > maxBodyBytes) {
            fail(ctx, in);
            return;
        }
        if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max(bodyLength + (long) n, 2L * body.length)));
        }
        in.readBytes(body, bodyLength, n);
        bodyLength += n;
        remaining -= n;
    }

    /** Reads a chunk-size line if all of it is here; true when reading goes on. */
    private boolean readChunkSize(ChannelHandlerContext ctx, ByteBuf in) {
        int lf = in.indexOf(in.readerIndex(), in.readerIndex() + Math.min(in.readableBytes(), MAX_CHUNK_LINE_BYTES),
                (byte) '\n');
        if (lf < 0) {
            failIfLonger(ctx, in, MAX_CHUNK_LINE_BYTES);
            return false;
        }
        // chunk-size [ chunk-ext ] CRLF: hexadecimal digits, then extensions that are read past.
        long size = 0;
        int digits = 0;
        int i = in.readerIndex();
        while (i < lf && isBlank(in.getByte(i))) {
            i++;
        }
        for (; i < lf; i++, digits++) {
            int digit = Character.digit(in.getByte(i), 16);
            if (digit < 0) {
                break;
            }
            if (size > (Long.MAX_VALUE >> 4)) {
                digits = 0;
                break;
            }
            size = size << 4 | digit;
        }
        byte after = i < lf ? in.getByte(i) : (byte) '\n';
        if (digits == 0 || !(after == ';' || after == '\n' || after == '\r' || isBlank(after))) {
            fail(ctx, in);
            return false;
        }
        in.readerIndex(lf + 1);
        remaining = size;
        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
        return true;
    }

    /** Reads the line end after a chunk's data; true when reading goes on. */
    private boolean readChunkEnd(ChannelHandlerContext ctx, ByteBuf in) {
        if (!in.isReadable()) {
            return false;
        }
        byte first = in.getByte(in.readerIndex());
        if (first == '\n') {
            in.skipBytes(1);
        } else if (first != '\r') {
            fail(ctx, in);
            return false;
        } else if (in.readableBytes() < 2) {
            return false;
        } else if (in.getByte(in.readerIndex() + 1) == '\n') {
            in.skipBytes(2);
        } else {
            fail(ctx, in);
            return false;
        }
        state = State.CHUNK_SIZE;
        return true;
    }

    private void emit(List<Object> out) {
        byte[] kept = !keepBodies ? null
                : body == null ? new byte[0]
                : bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
        out.add(new DecodedResponse(head, kept));
        state = State.HEAD;
        head = null;
        body = null;
        bodyLength = 0;
        remaining = 0;
    }

    /** More bytes may end what is not yet whole, unless there are already {@code limit} of them. */
    private void failIfLonger(ChannelHandlerContext ctx, ByteBuf in, int limit) {
        if (in.readableBytes() >= limit) {
            fail(ctx, in);
        }
    }

    /** Not HTTP this can read: the exchange ends as a connection error when the channel closes. */
    private void fail(ChannelHandlerContext ctx, ByteBuf in) {
        state = State.FAILED;
        head = null;
        body = null;
        in.skipBytes(in.readableBytes());
        ctx.close();
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isSpace(byte b) {
        return isBlank(b) || b == '\r' || b == '\n';
    }

    /** Finds the LF that ends an empty line: the end of a head or of a trailer section. */
    private static final class EmptyLine implements ByteProcessor {
        private boolean atLineStart;

        /** @param atLineStart whether the bytes to search start a line */
        EmptyLine from(boolean atLineStart) {
            this.atLineStart = atLineStart;
            return this;
        }

        @Override
        public boolean process(byte b) {
            if (b == '\n') {
                if (atLineStart) {
                    return false;
                }
                atLineStart = true;
            } else if (b != '\r') {
                atLineStart = false;
            }
            return true;
        }
    }
}
