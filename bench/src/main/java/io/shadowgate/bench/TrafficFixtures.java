package io.shadowgate.bench;

import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.SynthesizedTraffic;
import io.shadowgate.traffic.TrafficFileWriter;
import io.shadowgate.traffic.TrafficHeader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes realistic inputs of every traffic format with a given number of requests, so the
 * read harness measures readers, not fixtures. Bodies: a predict request with eight features
 * (~120 bytes), as the demo sends.
 */
final class TrafficFixtures {

    private static final List<RequestTemplate> MIX = List.of(
            new RequestTemplate("predict", 9, "POST", "/v1/predict", Map.of("content-type", "application/json"),
                    "{\"id\": \"req-{{seq}}\", \"features\": {{features:8}}}"),
            new RequestTemplate("item", 1, "GET", "/v1/items/{{seq}}?verbose=1", Map.of("accept", "application/json"), null));
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final byte[] GOR_SEPARATOR = "\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\n".getBytes(StandardCharsets.UTF_8);

    private TrafficFixtures() {
    }

    /** {@code n} synthesized requests at 1,000/s, written as a traffic file. */
    static void trafficFile(Path file, long n) throws IOException {
        try (TrafficFileWriter writer = TrafficFileWriter.create(file, TrafficHeader.reproducible("bench", TrafficHeader.Redaction.NONE));
             SynthesizedTraffic traffic = traffic(n)) {
            while (traffic.hasNext()) {
                writer.write(traffic.next());
            }
        }
    }

    /** {@code n} requests as a GoReplay capture, each followed by its original response. */
    static void gor(Path file, long n) throws IOException {
        long start = 1_600_000_000_000_000_000L;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             SynthesizedTraffic traffic = traffic(n)) {
            while (traffic.hasNext()) {
                Request r = traffic.next();
                String id = Long.toHexString(0x1000000L + r.id());
                long ts = start + r.offsetMicros() * 1_000;
                StringBuilder msg = new StringBuilder(256).append(r.method()).append(' ').append(r.path())
                        .append(" HTTP/1.1\r\nHost: shop.local\r\nAccept: application/json\r\n");
                if (r.body().length > 0) {
                    msg.append("Content-Type: application/json\r\nContent-Length: ").append(r.body().length).append("\r\n");
                }
                msg.append("\r\n");
                out.write(("1 " + id + " " + ts + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write(msg.toString().getBytes(StandardCharsets.UTF_8));
                out.write(r.body());
                out.write(GOR_SEPARATOR);
                String body = "{\"label\":\"positive\",\"score\":0.73}";
                out.write(("2 " + id + " " + (ts + 2_000_000) + " 2000000\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.write(GOR_SEPARATOR);
            }
        }
    }

    /** {@code n} lines of nginx's combined format. */
    static void accessLog(Path file, long n) throws IOException {
        Instant start = Instant.parse("2026-11-26T12:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             SynthesizedTraffic traffic = traffic(n)) {
            while (traffic.hasNext()) {
                Request r = traffic.next();
                out.write("10.0." + (r.id() % 200) + "." + (r.id() % 7) + " - - [" + CLF.format(start.plusNanos(r.offsetMicros() * 1_000))
                        + "] \"" + r.method() + " " + r.path() + " HTTP/1.1\" 200 " + (100 + r.id() % 900)
                        + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64) bench\"\n");
            }
        }
    }

    /** {@code n} entries as a HAR 1.2 export (requests with bodies, responses with small bodies). */
    static void har(Path file, long n) throws IOException {
        Instant start = Instant.parse("2026-11-26T12:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             SynthesizedTraffic traffic = traffic(n)) {
            out.write("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"bench\",\"version\":\"1\"},\"entries\":[\n");
            boolean first = true;
            while (traffic.hasNext()) {
                Request r = traffic.next();
                if (!first) {
                    out.write(",\n");
                }
                first = false;
                String body = new String(r.body(), StandardCharsets.UTF_8).replace("\"", "\\\"");
                out.write("{\"startedDateTime\":\"" + start.plusNanos(r.offsetMicros() * 1_000) + "\",\"time\":2.5,"
                        + "\"request\":{\"method\":\"" + r.method() + "\",\"url\":\"http://shop.local" + r.path()
                        + "\",\"httpVersion\":\"HTTP/1.1\",\"headers\":[{\"name\":\"Accept\",\"value\":\"application/json\"}],"
                        + "\"queryString\":[],\"cookies\":[],\"headersSize\":-1,\"bodySize\":" + r.body().length
                        + (r.body().length > 0 ? ",\"postData\":{\"mimeType\":\"application/json\",\"text\":\"" + body + "\"}" : "")
                        + "},\"response\":{\"status\":200,\"statusText\":\"OK\",\"httpVersion\":\"HTTP/1.1\",\"headers\":[],"
                        + "\"cookies\":[],\"content\":{\"size\":33,\"mimeType\":\"application/json\","
                        + "\"text\":\"{\\\"label\\\":\\\"positive\\\",\\\"score\\\":0.73}\"},\"redirectURL\":\"\",\"headersSize\":-1,"
                        + "\"bodySize\":33},\"cache\":{},\"timings\":{\"send\":0,\"wait\":2.5,\"receive\":0}}");
            }
            out.write("\n]}}\n");
        }
    }

    private static SynthesizedTraffic traffic(long n) {
        // 1,000 requests a second, constant: n requests take n ms of offsets.
        return new SynthesizedTraffic(new TrafficSpec(Duration.ofMillis(n), 1000, TrafficSpec.Arrivals.CONSTANT, MIX), 7);
    }
}
