package io.shadowgate.compare.response;

import java.util.Objects;

/**
 * One difference between the two responses of a pair. The strings are bounded
 * ({@link CompareLimits#maxValueChars()}, {@link CompareLimits#maxDiffLines()}) so a pathological
 * body cannot make a difference large.
 *
 * <p>"Candidate" is the other side of the pair: the candidate, or the second baseline response
 * when the pair measures noise.
 *
 * @param path           canonical path, the key statistics are kept under: {@code $.items[*].price}
 *                       (array indices normalised, keys needing quotes as {@code $['a.b']}), or
 *                       {@code status}, {@code header:content-type}, {@code body}
 * @param location       where exactly: the concrete JSON path with indices ({@code $.items[3].price};
 *                       the baseline's index, the candidate's for an added element); for a text
 *                       body {@code body:LINE}, the first differing line; else as {@code path}
 * @param kind           what changed
 * @param baselineValue  the baseline's value, rendered short (JSON strings keep their quotes), or
 *                       null when the baseline has none (field added)
 * @param candidateValue the other side's value, or null when it has none (field removed)
 * @param detail         more about the change, or null: the unified diff of a text body, the
 *                       lengths and SHA-256s of binary bodies
 */
public record Difference(String path, String location, DifferenceKind kind, String baselineValue,
        String candidateValue, String detail) {

    public Difference {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
    }
}
