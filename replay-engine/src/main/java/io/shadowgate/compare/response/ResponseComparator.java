package io.shadowgate.compare.response;

import io.shadowgate.traffic.Header;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two responses of one endpoint under its {@link DiffRules}: status, the compared
 * headers, then the bodies, structurally when both are JSON ({@link ParsedBody} says when),
 * line by line when both are text, by length and SHA-256 otherwise.
 *
 * <p>When the statuses differ the bodies are not compared: an error page against a result would
 * show every field as removed and bury the one cause. Equal body bytes are not parsed at all.
 *
 * <p>Thread-safe: build one per endpoint and share it between the threads that compare; it
 * caches the canonical paths it has seen (bounded, see {@link PathRules#MAX_CACHED_NODES}).
 */
public final class ResponseComparator {

    /** Path of a status difference. */
    public static final String STATUS_PATH = "status";
    /** Path of a text or binary body difference. */
    public static final String BODY_PATH = "body";
    /** Prefix of a header difference's path, followed by the header name in lower case. */
    public static final String HEADER_PATH_PREFIX = "header:";

    private final DiffRules rules;
    private final CompareLimits limits;
    private final PathRules paths;

    public ResponseComparator(DiffRules rules) {
        this(rules, CompareLimits.DEFAULT);
    }

    public ResponseComparator(DiffRules rules, CompareLimits limits) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.paths = new PathRules(rules);
    }

    public DiffRules rules() {
        return rules;
    }

    /** The differences between {@code baseline} and {@code candidate}; empty when they are equal under the rules. */
    public List<Difference> compare(ResponseSnapshot baseline, ResponseSnapshot candidate) {
        return compare(PreparedResponse.of(baseline), PreparedResponse.of(candidate));
    }

    /**
     * The same, for prepared responses: prepare the baseline once to compare it with both the
     * candidate and a second baseline, and its body is parsed once.
     */
    public List<Difference> compare(PreparedResponse baseline, PreparedResponse candidate) {
        ResponseSnapshot b = baseline.snapshot();
        ResponseSnapshot c = candidate.snapshot();
        DifferenceCollector out = new DifferenceCollector(limits.instancesPerPath());
        if (b.status() != c.status()) {
            out.admit(STATUS_PATH, DifferenceKind.STATUS_CHANGED);
            out.add(new Difference(STATUS_PATH, STATUS_PATH, DifferenceKind.STATUS_CHANGED,
                    Integer.toString(b.status()), Integer.toString(c.status()), null));
        }
        headers(b, c, out);
        if (b.status() == c.status() && !Arrays.equals(b.body(), c.body())) {
            bodies(baseline, candidate, out);
        }
        return out.result();
    }

    private void headers(ResponseSnapshot b, ResponseSnapshot c, DifferenceCollector out) {
        HeaderRules headerRules = rules.headers();
        Iterable<String> names = headerRules.comparesAll() ? allNames(b, c) : headerRules.compared();
        for (String name : names) {
            if (!headerRules.compares(name)) {
                continue;
            }
            String bv = b.headerValue(name);
            String cv = c.headerValue(name);
            if (!Objects.equals(bv, cv)) {
                String path = HEADER_PATH_PREFIX + name;
                if (out.admit(path, DifferenceKind.HEADER_CHANGED)) {
                    out.add(new Difference(path, path, DifferenceKind.HEADER_CHANGED,
                            ValueText.truncate(bv, limits.maxValueChars()), ValueText.truncate(cv, limits.maxValueChars()), null));
                }
            }
        }
    }

    private static TreeSet<String> allNames(ResponseSnapshot b, ResponseSnapshot c) {
        TreeSet<String> names = new TreeSet<>();
        for (Header h : b.headers()) {
            names.add(h.name().toLowerCase(Locale.ROOT));
        }
        for (Header h : c.headers()) {
            names.add(h.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private void bodies(PreparedResponse baseline, PreparedResponse candidate, DifferenceCollector out) {
        ParsedBody b = baseline.body();
        ParsedBody c = candidate.body();
        if (b.format() == ParsedBody.Format.JSON && c.format() == ParsedBody.Format.JSON) {
            JsonTreeDiff.compare(paths.root(), b.json(), c.json(), out, limits.maxValueChars());
            return;
        }
        String bt = text(b, baseline);
        String ct = text(c, candidate);
        if (bt != null && ct != null) {
            if (!bt.equals(ct)) {
                LineDiff.Result diff = LineDiff.diff(bt, ct, limits);
                out.admit(BODY_PATH, DifferenceKind.TEXT_CHANGED);
                out.add(new Difference(BODY_PATH, BODY_PATH + ":" + diff.firstLine(), DifferenceKind.TEXT_CHANGED,
                        ValueText.truncate(diff.baselineLine(), limits.maxValueChars()),
                        ValueText.truncate(diff.candidateLine(), limits.maxValueChars()), diff.unified()));
            }
            return;
        }
        byte[] bb = baseline.snapshot().body();
        byte[] cb = candidate.snapshot().body();
        out.admit(BODY_PATH, DifferenceKind.BINARY_CHANGED);
        out.add(new Difference(BODY_PATH, BODY_PATH, DifferenceKind.BINARY_CHANGED, binary(bb), binary(cb),
                "baseline " + bb.length + " bytes sha256:" + sha256(bb) + ", candidate " + cb.length + " bytes sha256:" + sha256(cb)));
    }

    /** The body as text: decoded already, or (for JSON compared with non-JSON) decoded now; null when binary. */
    private static String text(ParsedBody parsed, PreparedResponse response) {
        return switch (parsed.format()) {
            case TEXT -> parsed.text();
            case JSON -> ParsedBody.utf8(response.snapshot().body());
            default -> null;
        };
    }

    /** Short form for the value columns: length and the first 16 hex digits of the SHA-256. */
    private static String binary(byte[] body) {
        return body.length + " bytes, sha256 " + sha256(body).substring(0, 16) + ValueText.ELLIPSIS;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
