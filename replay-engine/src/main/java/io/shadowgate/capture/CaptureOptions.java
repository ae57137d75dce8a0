package io.shadowgate.capture;

import io.shadowgate.traffic.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a capture proxy listens, forwards and records. Every default of the capture is here.
 *
 * @param listenHost   address to listen on; loopback unless the user says otherwise
 * @param listenPort   port to listen on, 0 for any free one
 * @param upstream     the service requests are forwarded to
 * @param out          the traffic file; rotated files are named after it (see {@link RotatingTrafficWriter})
 * @param sample       fraction of exchanges recorded, 0..1; all are forwarded
 * @param seed         seed of the sampling decisions
 * @param maxBodyBytes bytes of each request and response body kept in the record; bodies are
 *                     always forwarded whole
 * @param rotateBytes  a file is closed and the next one started once it is this big on disk;
 *                     {@value #NO_ROTATION} never rotates
 * @param redactor     what is removed from records before they are written
 * @param ioThreads    event loop threads of the proxy
 */
public record CaptureOptions(
        String listenHost,
        int listenPort,
        Upstream upstream,
        Path out,
        double sample,
        long seed,
        int maxBodyBytes,
        long rotateBytes,
        Redactor redactor,
        int ioThreads) {

    public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";
    public static final double DEFAULT_SAMPLE = 1.0;
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final int MAX_MAX_BODY_BYTES = 256 << 20;
    public static final long DEFAULT_ROTATE_BYTES = 512L << 20;
    public static final long NO_ROTATION = 0;
    public static final int DEFAULT_IO_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** Finished exchanges waiting for the writer thread; beyond this they are dropped, never waited for. */
    static final int QUEUE_CAPACITY = 8_192;
    /** Record bytes held between the event loops and the file; beyond this, records are dropped. */
    static final long BUFFER_BYTES = 64L << 20;
    /** How long finished records wait for an earlier exchange still running before that one is given up. */
    static final Duration REORDER_WAIT = Duration.ofSeconds(5);
    /** On close, how long exchanges in flight may take to finish. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);
    /** On close, how long the writer may take to write what is left and the trailer. */
    static final Duration WRITER_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Production requests carry big cookies; Netty's default of 8 KiB would refuse some. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_INITIAL_LINE_BYTES = 16 * 1024;
    /** Larger body pieces than Netty's 8 KiB default: fewer writes per streamed body. */
    static final int MAX_CHUNK_BYTES = 64 * 1024;

    public CaptureOptions {
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(redactor, "redactor");
        if (listenPort < 0 || listenPort > 65_535) {
            throw new IllegalArgumentException("listen port must be between 0 and 65535 (was " + listenPort + ")");
        }
        if (!(sample >= 0 && sample <= 1)) {
            throw new IllegalArgumentException("sample must be between 0 and 1 (was " + sample + ")");
        }
        if (maxBodyBytes < 0 || maxBodyBytes > MAX_MAX_BODY_BYTES) {
            throw new IllegalArgumentException("max body must be between 0 and " + MAX_MAX_BODY_BYTES
                    + " bytes (256 MiB) (was " + maxBodyBytes + ")");
        }
        if (rotateBytes < 0) {
            throw new IllegalArgumentException("rotate size must be >= 0, 0 for never (was " + rotateBytes + ")");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be >= 1 (was " + ioThreads + ")");
        }
    }

    /** Every default: loopback on any free port, record everything, credentials redacted. */
    public static CaptureOptions of(Upstream upstream, Path out) {
        return new CaptureOptions(DEFAULT_LISTEN_HOST, 0, upstream, out, DEFAULT_SAMPLE, DEFAULT_SEED,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_ROTATE_BYTES, Redactor.withDefaults(List.of(), List.of()), DEFAULT_IO_THREADS);
    }

    public CaptureOptions withListen(String host, int port) {
        return new CaptureOptions(host, port, upstream, out, sample, seed, maxBodyBytes, rotateBytes, redactor, ioThreads);
    }

    public CaptureOptions withSample(double fraction, long sampleSeed) {
        return new CaptureOptions(listenHost, listenPort, upstream, out, fraction, sampleSeed, maxBodyBytes, rotateBytes,
                redactor, ioThreads);
    }

    public CaptureOptions withMaxBodyBytes(int bytes) {
        return new CaptureOptions(listenHost, listenPort, upstream, out, sample, seed, bytes, rotateBytes, redactor, ioThreads);
    }

    public CaptureOptions withRotateBytes(long bytes) {
        return new CaptureOptions(listenHost, listenPort, upstream, out, sample, seed, maxBodyBytes, bytes, redactor, ioThreads);
    }

    public CaptureOptions withRedactor(Redactor r) {
        return new CaptureOptions(listenHost, listenPort, upstream, out, sample, seed, maxBodyBytes, rotateBytes, r, ioThreads);
    }

    public CaptureOptions withIoThreads(int threads) {
        return new CaptureOptions(listenHost, listenPort, upstream, out, sample, seed, maxBodyBytes, rotateBytes, redactor,
                threads);
    }
}
