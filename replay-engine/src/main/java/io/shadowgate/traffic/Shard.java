package io.shadowgate.traffic;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One of {@code count} disjoint parts of a traffic stream, which together are the whole
 * stream: shard {@code index} of {@code count}, numbered from 0 as Kubernetes numbers the pods
 * of an Indexed Job. A request without a session key belongs to the shard its position in the
 * stream falls on (striped, as k6's execution segments are); a request with one belongs to the
 * shard its key hashes to, so a session's requests stay together, in order, on one machine.
 * Which shard a request belongs to depends only on the request, never on the machine or the
 * order in which shards start.
 *
 * @param index this shard, 0 .. count - 1
 * @param count how many shards share the stream, at least 1
 */
public record Shard(int index, int count) {

    /** The whole stream: one shard. */
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": expected I/N with 0 <= I < N");
        }
    }

    /**
     * Parses {@code I/N}.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a shard: expected I/N, such as 0/4");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()), Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a shard: expected I/N with whole numbers, such as 0/4");
        }
    }

    public boolean isWhole() {
        return count == 1;
    }

    /** Whether {@code request} is this shard's. */
    public boolean includes(Request request) {
        if (count == 1) {
            return true;
        }
        long key = request.sessionKey() == null ? request.id() : keyHash(request.sessionKey());
        return Math.floorMod(key, count) == index;
    }

    /**
     * A hash of a session key that every JVM and machine computes alike: CRC-32C of its UTF-8
     * bytes (String.hashCode is stable too, but its low bits cluster for keys like "user-17").
     */
    static long keyHash(String sessionKey) {
        CRC32C crc = new CRC32C();
        crc.update(sessionKey.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** {@code I/N}, as parsed. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
