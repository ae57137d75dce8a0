package io.shadowgate.compare.contract;

import io.shadowgate.compare.ErrorCount;
import io.shadowgate.compare.ErrorRateDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares the candidate's learned contract with the baseline's and lists the changes: breaking
 * ones (a field removed, a required field dropping out, a new type or null at a path, a new
 * status code, a new content type) and informative ones (a field added, paths over the cap).
 * The evidence each change needs is in {@link ContractRules}. Stateless and thread-safe.
 *
 * <p>Endpoints are compared when both sides have them; bodies per status class when the
 * baseline has at least {@code minResponses} responses in the class and the candidate has some
 * (a class the baseline never returned shows up as new status codes instead). A change is
 * reported once, at the highest path it concerns: when an object disappears or changes type,
 * its fields are not listed again. Array element paths ({@code [*]}) are judged on types only:
 * an empty array is data, not a missing field.
 */
public final class ContractComparison {

    private final ContractRules rules;
    private final List<ContractChange> changes = new ArrayList<>();

    private ContractComparison(ContractRules rules) {
        this.rules = rules;
    }

    /** {@link #compare(ContractSchema, ContractSchema, ContractRules)} with {@link ContractRules#DEFAULTS}. */
    public static List<ContractChange> compare(ContractSchema baseline, ContractSchema candidate) {
        return compare(baseline, candidate, ContractRules.DEFAULTS);
    }

    /** The changes, by endpoint name, then status codes, folded paths, and per status class media types and paths. */
    public static List<ContractChange> compare(ContractSchema baseline, ContractSchema candidate, ContractRules rules) {
        ContractComparison comparison = new ContractComparison(rules);
        for (EndpointSchema b : baseline.endpoints().values()) {
            EndpointSchema c = candidate.endpoints().get(b.endpoint());
            if (c != null) {
                comparison.endpoint(b, c, baseline.pathCap(), candidate.pathCap());
            }
        }
        return List.copyOf(comparison.changes);
    }

    private void endpoint(EndpointSchema b, EndpointSchema c, int baselineCap, int candidateCap) {
        for (Map.Entry<Integer, Long> e : c.statuses().entrySet()) {
            long k = e.getValue();
            if (b.status(e.getKey()) == 0 && k >= rules.minResponses() && increased(0, b.responses(), k, c.responses())) {
                add(b.endpoint(), null, null, ChangeKind.NEW_STATUS_CODE, 0, b.responses(), k, c.responses(),
                        String.format(Locale.ROOT, "status %d in %s candidate responses, never from the baseline",
                                e.getKey(), share(k, c.responses())));
            }
        }
        folded(b.endpoint(), "baseline", b, baselineCap);
        folded(b.endpoint(), "candidate", c, candidateCap);
        for (BodySchema bb : b.bodies().values()) {
            BodySchema cb = c.bodies().get(bb.statusClass());
            if (cb != null && bb.responses() >= rules.minResponses()) {
                contentTypes(b.endpoint(), bb, cb);
                paths(b.endpoint(), bb, cb, c.foldedValues() > 0);
                addedPaths(b.endpoint(), bb, cb, b.foldedValues() > 0);
            }
        }
    }

    private void folded(String endpoint, String side, EndpointSchema schema, int cap) {
        if (schema.foldedValues() > 0) {
            add(endpoint, null, null, ChangeKind.PATHS_FOLDED, 0, 0, schema.foldedValues(), schema.responses(),
                    String.format(Locale.ROOT, "the %s's bodies had more than %d distinct paths; %d values beyond "
                            + "them were counted, not compared, and fields missing from the other side were not judged",
                            side, cap, schema.foldedValues()));
        }
    }

    private void contentTypes(String endpoint, BodySchema b, BodySchema c) {
        for (Map.Entry<String, Long> e : c.contentTypes().entrySet()) {
            long k = e.getValue();
            if (!b.contentTypes().containsKey(e.getKey()) && k >= rules.minResponses()
                    && increased(0, b.responses(), k, c.responses())) {
                add(endpoint, b.statusClass(), null, ChangeKind.CONTENT_TYPE_CHANGED, 0, b.responses(), k, c.responses(),
                        String.format(Locale.ROOT, "%s in %s candidate %s responses; the baseline sent only %s",
                                e.getKey(), share(k, c.responses()), b.statusClass(), b.contentTypes().keySet()));
            }
        }
    }

    /** Removals, presence drops and type changes of the paths the baseline sent. */
    private void paths(String endpoint, BodySchema b, BodySchema c, boolean candidateFolded) {
        for (PathSchema p : b.paths().values()) {
            if (p.responses() < rules.minResponses()) {
                continue;
            }
            PathSchema q = c.paths().get(p.path());
            if (q != null) {
                types(endpoint, b.statusClass(), p, q);
            }
            if (p.element()) {
                continue;
            }
            long candidateOpportunities = c.opportunities(p.parent(), false);
            if (candidateOpportunities == 0) {
                // The parent is missing or of another type in the candidate: reported at the parent.
                continue;
            }
            long present = q == null ? 0 : q.responses();
            long baselineAbsent = p.opportunities() - p.responses();
            if (present == 0) {
                if (!candidateFolded && p.presence() >= rules.minBaselineShare()
                        && increased(baselineAbsent, p.opportunities(), candidateOpportunities, candidateOpportunities)) {
                    add(endpoint, b.statusClass(), p.path(), ChangeKind.FIELD_REMOVED, p.responses(), p.opportunities(),
                            0, candidateOpportunities, String.format(Locale.ROOT,
                                    "%s in %s baseline responses, in none of %d candidate responses", what(p),
                                    share(p.responses(), p.opportunities()), candidateOpportunities));
                }
            } else if (p.presence() >= rules.requiredPresence()) {
                long candidateAbsent = candidateOpportunities - present;
                if (candidateAbsent >= rules.minResponses()
                        && increased(baselineAbsent, p.opportunities(), candidateAbsent, candidateOpportunities)) {
                    add(endpoint, b.statusClass(), p.path(), ChangeKind.PRESENCE_DROP, p.responses(), p.opportunities(),
                            present, candidateOpportunities, String.format(Locale.ROOT,
                                    "%s in %s baseline responses, in %s candidate responses", what(p),
                                    share(p.responses(), p.opportunities()), share(present, candidateOpportunities)));
                }
            }
        }
    }

    private void types(String endpoint, String statusClass, PathSchema p, PathSchema q) {
        for (Map.Entry<JsonType, Long> e : q.typeResponses().entrySet()) {
            long k = e.getValue();
            if (p.responsesOf(e.getKey()) == 0 && k >= rules.minResponses()
                    && increased(0, p.responses(), k, q.responses())) {
                ChangeKind kind = e.getKey() == JsonType.NULL ? ChangeKind.NULL_INTRODUCED : ChangeKind.TYPE_CHANGED;
                add(endpoint, statusClass, p.path(), kind, 0, p.responses(), k, q.responses(), String.format(Locale.ROOT,
                        "%s in %s candidate responses with the path; the baseline sent only %s", e.getKey(),
                        share(k, q.responses()), p.typeResponses().keySet()));
            }
        }
    }

    /** Fields the candidate sent and the baseline never did, at the highest such path. */
    private void addedPaths(String endpoint, BodySchema b, BodySchema c, boolean baselineFolded) {
        if (baselineFolded) {
            return;
        }
        for (PathSchema q : c.paths().values()) {
            PathSchema p = b.paths().get(q.path());
            if ((p != null && p.responses() > 0) || q.responses() < rules.minResponses()) {
                continue;
            }
            long baselineOpportunities = b.opportunities(q.parent(), q.element());
            // A parent the baseline did not send as an object (array) is itself the change.
            if (baselineOpportunities >= rules.minResponses()) {
                add(endpoint, b.statusClass(), q.path(), ChangeKind.FIELD_ADDED, 0, baselineOpportunities,
                        q.responses(), q.opportunities(), String.format(Locale.ROOT,
                                "%s in %s candidate responses, never from the baseline (%d responses)", what(q),
                                share(q.responses(), q.opportunities()), baselineOpportunities));
            }
        }
    }

    /**
     * Whether the candidate's proportion xc/nc is above the baseline's xb/nb: Newcombe's interval
     * for the difference, two-sided at the rules' confidence, lies above 0.
     */
    private boolean increased(long xb, long nb, long xc, long nc) {
        return ErrorRateDifference.newcombe(ErrorCount.of(xb, nb), ErrorCount.of(xc, nc), rules.confidence()).lower() > 0;
    }

    private void add(String endpoint, String statusClass, String path, ChangeKind kind, long baselineCount,
                     long baselineOf, long candidateCount, long candidateOf, String detail) {
        changes.add(new ContractChange(endpoint, statusClass, path, kind, baselineCount, baselineOf, candidateCount,
                candidateOf, detail));
    }

    private static String what(PathSchema p) {
        return p.parent() == null ? "a JSON body" : p.element() ? "array elements" : "the field";
    }

    private static String share(long count, long of) {
        return String.format(Locale.ROOT, "%d of %d (%.1f%%)", count, of, of == 0 ? 0.0 : 100.0 * count / of);
    }
}
