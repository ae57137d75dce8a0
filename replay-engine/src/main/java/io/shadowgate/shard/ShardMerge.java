package io.shadowgate.shard;

import io.shadowgate.compare.ResponseComparisonState;
import io.shadowgate.metrics.EndpointRecording;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.IntervalPoint;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairReservoir;
import io.shadowgate.metrics.PairSample;
import io.shadowgate.metrics.TargetRecording;
import io.shadowgate.scenario.ResponseComparison;
import io.shadowgate.traffic.TrafficScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Checks that a set of shard results is one complete run, shards 0..N-1 each exactly once, with
 * the same scenario, traffic, tool version and settings, each one finished and reconciled, and
 * merges them exactly: counts and histograms add, pair samples keep the k pairs of smallest id
 * hash, per-second series add by second of the common schedule, response comparison states add
 * ({@link #withResponses}). Nothing depends on the order the shards are given in: they are sorted
 * by index first, and every step is commutative.
 * Stateless.
 */
public final class ShardMerge {

    private ShardMerge() {
    }

    /**
     * Merges {@code shards} into one run.
     *
     * @throws MergeRefusedException naming the directory and what is wrong, when the set is not one
     *                               complete, consistent run
     */
    public static MergedRun merge(List<LoadedShard> shards) throws MergeRefusedException {
        if (shards.isEmpty()) {
            throw new MergeRefusedException("no shard results given");
        }
        List<LoadedShard> sorted = new ArrayList<>(shards);
        sorted.sort(Comparator.comparingInt((LoadedShard s) -> s.result().identity().index())
                .thenComparing(s -> s.dir().toString()));
        check(sorted);
        return combine(sorted);
    }

    /**
     * {@code merged} with its shards' response comparison states added into its result, under the
     * scenario's comparison settings {@code compare} (its model paths); unchanged when responses
     * were not compared.
     *
     * @throws MergeRefusedException when the states are not of one run (different bounds or seeds,
     *                               a model endpoint the scenario does not have)
     */
    public static MergedRun withResponses(MergedRun merged, ResponseComparison compare) throws MergeRefusedException {
        if (merged.comparisons().isEmpty()) {
            return merged;
        }
        try {
            ResponseComparisonState sum = ResponseComparisonState.merge(merged.comparisons(), compare,
                    merged.result().identity().seed());
            return new MergedRun(merged.result().withResponses(sum), merged.traffic(), merged.shards(),
                    merged.comparisons());
        } catch (IllegalArgumentException e) {
            throw new MergeRefusedException("the shards' response comparisons cannot be merged: " + e.getMessage());
        }
    }

    private static void check(List<LoadedShard> shards) throws MergeRefusedException {
        LoadedShard first = shards.get(0);
        ShardResult ref = first.result();
        for (LoadedShard s : shards) {
            ShardResult r = s.result();
            if (r.mergedFrom() != 0) {
                throw refuse(s, "is the result of a merge of " + r.mergedFrom() + " shards, not a shard's own");
            }
            same(first, s, "N (shard count)", x -> x.identity().count());
            same(first, s, "scenario SHA-256", x -> x.identity().scenarioSha256());
            same(first, s, "traffic SHA-256", x -> x.identity().trafficSha256());
            same(first, s, "tool version", x -> x.identity().toolVersion());
            same(first, s, "scenario name", x -> x.identity().scenarioName());
            same(first, s, "seed", x -> x.identity().seed());
            same(first, s, "deterministicLatency", x -> x.identity().deterministicLatency());
            same(first, s, "histogram configuration", ShardResult::histograms);
            same(first, s, "requests in the whole stream", x -> x.traffic().streamRecords());
            same(first, s, "--start-at", x -> x.timing().startAtMillis());
            same(first, s, "target roles", x -> x.targets().stream().map(TargetRecording::target).toList());
            same(first, s, "pair sample capacity", x -> x.pairs().capacity());
            same(first, s, "response comparison", x -> x.responses() == null ? "off" : "on");
            if (!HistogramConfig.CURRENT.equals(r.histograms())) {
                throw refuse(s, "has histograms in " + r.histograms() + "; this Shadowgate merges " + HistogramConfig.CURRENT);
            }
        }
        int n = ref.identity().count();
        Map<Integer, LoadedShard> byIndex = new TreeMap<>();
        for (LoadedShard s : shards) {
            LoadedShard other = byIndex.putIfAbsent(s.result().identity().index(), s);
            if (other != null) {
                throw new MergeRefusedException(other.dir() + " and " + s.dir() + ": both are shard "
                        + s.result().identity().shard() + "; each shard must be given exactly once");
            }
        }
        Set<Integer> missing = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new MergeRefusedException("shard" + (missing.size() > 1 ? "s " : " ") + join(missing) + " of 0.." + (n - 1)
                    + " missing (given: " + join(byIndex.keySet()) + "); a merge needs every shard of the run");
        }
        for (LoadedShard s : shards) {
            if (s.result().partial()) {
                throw refuse(s, "was interrupted before its schedule ended (partial); run shard "
                        + s.result().identity().shard() + " again");
            }
            reconcile(s);
        }
        long records = shards.stream().mapToLong(s -> s.result().traffic().records()).sum();
        if (records != ref.traffic().streamRecords()) {
            throw new MergeRefusedException("the shards replayed " + records + " requests together, but the stream has "
                    + ref.traffic().streamRecords() + "; the parts overlap or leave a gap");
        }
    }

    /** A shard's own counts must add up: outcomes to what it scheduled, endpoints to the totals, histograms to the counts. */
    private static void reconcile(LoadedShard s) throws MergeRefusedException {
        ShardResult r = s.result();
        long scheduled = r.traffic().records();
        long endpointsPlanned = r.traffic().endpoints().values().stream().mapToLong(Long::longValue).sum();
        if (endpointsPlanned != scheduled) {
            throw refuse(s, "counts do not reconcile: its endpoints have " + endpointsPlanned + " requests, its part "
                    + scheduled);
        }
        for (TargetRecording t : r.targets()) {
            OutcomeCounts c = t.counts();
            String at = "counts do not reconcile at " + t.target() + ": ";
            if (c.scheduled() != scheduled) {
                throw refuse(s, at + c.scheduled() + " scheduled, but the shard's part is " + scheduled + " requests");
            }
            if (!c.addsUp()) {
                throw refuse(s, at + "outcomes add up to " + c.accounted() + " of " + c.scheduled() + " scheduled");
            }
            if (t.latency().getTotalCount() != c.responses() + c.timeouts()) {
                throw refuse(s, at + "the latency histogram holds " + t.latency().getTotalCount() + " values for "
                        + (c.responses() + c.timeouts()) + " responses and timeouts");
            }
            if (t.service().getTotalCount() != c.responses()) {
                throw refuse(s, at + "the service-time histogram holds " + t.service().getTotalCount() + " values for "
                        + c.responses() + " responses");
            }
            OutcomeCounts sum = OutcomeCounts.EMPTY;
            for (EndpointRecording e : t.endpoints()) {
                if (!e.counts().addsUp()) {
                    throw refuse(s, at + "endpoint " + e.endpoint() + "'s outcomes do not add up to its scheduled");
                }
                sum = add(sum, e.counts());
            }
            if (!sum.equals(c)) {
                throw refuse(s, at + "its endpoints add up to " + sum + ", its total is " + c);
            }
        }
    }

    private static void same(LoadedShard first, LoadedShard s, String what, Function<ShardResult, Object> field)
            throws MergeRefusedException {
        Object expected = field.apply(first.result());
        Object actual = field.apply(s.result());
        if (!Objects.equals(expected, actual)) {
            throw refuse(s, what + " is " + actual + ", but " + first.dir() + " has " + expected
                    + "; every shard must come from the same run");
        }
    }

    private static MergeRefusedException refuse(LoadedShard s, String problem) {
        return new MergeRefusedException(s.dir() + ": " + problem);
    }

    private static String join(Set<Integer> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }

    private static MergedRun combine(List<LoadedShard> shards) {
        ShardResult ref = shards.get(0).result();
        List<TargetRecording> targets = new ArrayList<>();
        for (int t = 0; t < ref.targets().size(); t++) {
            targets.add(combineTarget(shards, t));
        }
        long seed = ref.identity().seed();
        int capacity = ref.pairs().capacity();
        PairReservoir all = new PairReservoir(capacity, seed);
        Map<String, PairReservoir> byEndpoint = new TreeMap<>();
        Map<String, Long> endpoints = new TreeMap<>();
        long span = 0;
        long started = Long.MAX_VALUE;
        long finished = Long.MIN_VALUE;
        List<MergedRun.Part> parts = new ArrayList<>();
        for (LoadedShard s : shards) {
            ShardResult r = s.result();
            all.merge(r.pairs().all());
            r.pairs().endpoints().forEach((e, sample) ->
                    byEndpoint.computeIfAbsent(e, x -> new PairReservoir(capacity, seed)).merge(sample));
            r.traffic().endpoints().forEach((e, n) -> endpoints.merge(e, n, Long::sum));
            span = Math.max(span, r.traffic().spanMicros());
            started = Math.min(started, r.timing().startedMillis());
            finished = Math.max(finished, r.timing().finishedMillis());
            Histogram lateness = Histograms.newHistogram();
            r.targets().forEach(t -> lateness.add(t.lateness()));
            parts.add(new MergedRun.Part(r.identity().index(), s.dir(), r.traffic().records(), r.timing(),
                    Histograms.millis(lateness, 99)));
        }
        Map<String, PairSample> endpointSamples = new TreeMap<>();
        byEndpoint.forEach((e, reservoir) -> endpointSamples.put(e, reservoir.sample()));
        TrafficPart t = ref.traffic();
        TrafficPart whole = new TrafficPart(t.source(), t.sha256Of(), t.streamRecords(), t.streamRecords(), t.skipped(),
                t.problems(), t.replay(), endpoints, span);
        ShardIdentity id = ref.identity();
        ShardIdentity mergedId = new ShardIdentity(0, id.count(), id.scenarioName(), id.scenarioSha256(),
                id.trafficSha256(), id.toolVersion(), id.seed(), id.deterministicLatency());
        long scheduleStart = shards.stream().mapToLong(s -> s.result().timing().scheduleStartEpochMicros()).min()
                .orElse(0);
        ShardTiming timing = new ShardTiming(ref.timing().startAtMillis(), scheduleStart, null, started, finished);
        ShardResult merged = new ShardResult(ShardResult.FORMAT, ShardResult.FORMAT_VERSION, mergedId,
                HistogramConfig.CURRENT, timing, false, shards.size(), ref.command(), ref.scenarioFile(), whole,
                ref.targetVersions(), List.copyOf(targets),
                new PairSamples(capacity, all.sample(), endpointSamples), null,
                ShardSends.combined(shards.stream().map(s -> s.result().sends()).toList()));
        TrafficScan scan = new TrafficScan(t.source(), id.trafficSha256(), t.sha256Of(), t.streamRecords(), t.skipped(),
                t.problems(), t.replay(), endpoints, span);
        List<ResponseComparisonState> comparisons = ref.responses() == null ? List.of()
                : shards.stream().map(s -> s.result().responses()).toList();
        return new MergedRun(merged, scan, List.copyOf(parts), comparisons);
    }

    private static TargetRecording combineTarget(List<LoadedShard> shards, int index) {
        String role = shards.get(0).result().targets().get(index).target();
        OutcomeCounts counts = OutcomeCounts.EMPTY;
        Histogram latency = Histograms.newHistogram();
        Histogram service = Histograms.newHistogram();
        Histogram lateness = Histograms.newHistogram();
        Map<String, EndpointRecording> endpoints = new TreeMap<>();
        Set<String> addresses = new LinkedHashSet<>();
        List<List<IntervalPoint>> series = new ArrayList<>();
        List<List<Histogram>> intervals = new ArrayList<>();
        for (LoadedShard s : shards) {
            TargetRecording t = s.result().targets().get(index);
            counts = add(counts, t.counts());
            latency.add(t.latency());
            service.add(t.service());
            lateness.add(t.lateness());
            addresses.add(t.address());
            for (EndpointRecording e : t.endpoints()) {
                endpoints.merge(e.endpoint(), copy(e), ShardMerge::add);
            }
            series.add(t.series());
            intervals.add(intervalLog(s.dir().resolve(role + ".hlog")));
        }
        return new TargetRecording(role, String.join(", ", addresses), counts, latency, service, lateness,
                List.copyOf(endpoints.values()), mergeSeries(series, intervals));
    }

    /**
     * Adds the shards' series second by second of the common schedule: responses and errors add;
     * the percentiles come from the shards' interval logs added interval by interval (NaN where
     * a log is missing or short).
     */
    private static List<IntervalPoint> mergeSeries(List<List<IntervalPoint>> series, List<List<Histogram>> logs) {
        int length = series.stream().mapToInt(List::size).max().orElse(0);
        List<IntervalPoint> out = new ArrayList<>(length);
        for (int k = 0; k < length; k++) {
            long start = Long.MAX_VALUE;
            long end = 0;
            long responses = 0;
            long errors = 0;
            Histogram h = Histograms.newHistogram();
            boolean complete = true;
            for (int s = 0; s < series.size(); s++) {
                List<IntervalPoint> points = series.get(s);
                if (k < points.size()) {
                    IntervalPoint p = points.get(k);
                    start = Math.min(start, p.startMillis());
                    end = Math.max(end, p.endMillis());
                    responses += p.responses();
                    errors += p.errors();
                    List<Histogram> log = logs.get(s);
                    if (k < log.size()) {
                        h.add(log.get(k));
                    } else {
                        complete = false;
                    }
                }
            }
            out.add(new IntervalPoint(start, end, responses, errors, complete ? Histograms.millis(h, 50) : Double.NaN,
                    complete ? Histograms.millis(h, 99) : Double.NaN));
        }
        return List.copyOf(out);
    }

    /** The interval histograms of an .hlog, in order; empty when it is missing or unreadable. */
    private static List<Histogram> intervalLog(Path file) {
        List<Histogram> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            for (var h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                if (h instanceof Histogram histogram) {
                    out.add(histogram);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    private static EndpointRecording copy(EndpointRecording e) {
        return new EndpointRecording(e.endpoint(), e.counts(), e.latency().copy(), e.service().copy());
    }

    private static EndpointRecording add(EndpointRecording a, EndpointRecording b) {
        a.latency().add(b.latency());
        a.service().add(b.service());
        return new EndpointRecording(a.endpoint(), add(a.counts(), b.counts()), a.latency(), a.service());
    }

    static OutcomeCounts add(OutcomeCounts a, OutcomeCounts b) {
        return new OutcomeCounts(a.scheduled() + b.scheduled(), a.status2xx() + b.status2xx(),
                a.status3xx() + b.status3xx(), a.status4xx() + b.status4xx(), a.status5xx() + b.status5xx(),
                a.timeouts() + b.timeouts(), a.connectionErrors() + b.connectionErrors(), a.notSent() + b.notSent());
    }
}
