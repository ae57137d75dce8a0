package io.shadowgate.scenario;

import io.shadowgate.compare.model.ValuePath;

/**
 * Where a target reports the version it runs in each of its answers ({@code versionFrom:} in a
 * target): a response header, or a field of a JSON body. Exactly one is set. Immutable.
 *
 * @param header the response header, e.g. {@code X-Model-Version}, matched case-insensitively
 * @param field  the body field, e.g. {@code $.modelVersion}
 */
public record VersionSource(String header, ValuePath field) {

    public VersionSource {
        if ((header == null) == (field == null)) {
            throw new IllegalArgumentException("a version source is a header or a field, exactly one");
        }
    }

    public static VersionSource header(String name) {
        return new VersionSource(name, null);
    }

    public static VersionSource field(ValuePath path) {
        return new VersionSource(null, path);
    }

    /** For reports: {@code header X-Model-Version} or {@code field $.modelVersion}. */
    public String describe() {
        return header != null ? "header " + header : "field " + field;
    }
}
