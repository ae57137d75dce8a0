package io.shadowgate.compare;

import io.shadowgate.compare.contract.ContractLearner;
import io.shadowgate.compare.contract.NewRejectionCounter;
import io.shadowgate.compare.model.ModelComparisonRecorder;
import io.shadowgate.compare.model.ModelOutputPaths;
import io.shadowgate.compare.response.AccumulatorLimits;
import io.shadowgate.compare.response.PairType;
import io.shadowgate.compare.response.PreparedResponse;
import io.shadowgate.compare.response.ResponseComparator;
import io.shadowgate.compare.response.ResponseSnapshot;
import io.shadowgate.compare.response.SingleWriterDiffAccumulator;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.OutcomeSink;
import io.shadowgate.scenario.ResponseComparison;
import io.shadowgate.traffic.Redactor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compares the responses of each request in a shadow run as soon as every target has
 * answered: baseline against candidate for differences, model outputs and the contract, and,
 * when noise is measured, baseline against its second answer (a {@code baseline-replica}
 * target, or the same request sent to the baseline twice) to learn what differs with no change
 * of version at all. A request's outcomes wait in a map until the last arrives, so memory holds
 * the requests in flight plus the bounded accumulators.
 *
 * <p>Any thread may call {@link #accept}, which only pairs outcomes and hands complete pairs
 * to the recorder's own thread: parsing and diffing two bodies takes tens of microseconds, and
 * on the client's event loops that would show up as schedule lateness. The accumulators are
 * single-writer, and that thread is their one writer. Its queue is bounded (bodies are kept
 * until compared); a pair that finds it full is not compared, and is counted as such.
 */
public final class ResponseComparisonRecorder implements OutcomeSink, AutoCloseable {

    /** Pairs waiting to be compared at most: a few seconds of a busy run, tens of megabytes of bodies. */
    public static final int QUEUE_PAIRS = 8_192;

    /** Tells the worker that every pair is in. */
    private static final Outcome[] END = new Outcome[0];
    /** Asks the worker for the findings so far (the oldest waiting {@link #asks}). */
    private static final Outcome[] ASK = new Outcome[0];

    private final ResponseComparison config;
    private final String baseline;
    private final String candidate;
    private final String second;
    private final int roles;
    private final long seed;
    private final ConcurrentHashMap<Long, Outcome[]> waiting = new ConcurrentHashMap<>();
    private final Map<String, ResponseComparator> comparators = new HashMap<>();
    private final SingleWriterDiffAccumulator diffs;
    private final Map<String, ModelComparisonRecorder> models = new TreeMap<>();
    private final ContractLearner baselineSchema = new ContractLearner();
    private final ContractLearner candidateSchema = new ContractLearner();
    private final NewRejectionCounter rejections;
    private final BlockingQueue<Outcome[]> queue = new ArrayBlockingQueue<>(QUEUE_PAIRS);
    private final LongAdder uncompared = new LongAdder();
    private final ConcurrentLinkedQueue<AskedFindings> asks =
            new ConcurrentLinkedQueue<>();
    private final Thread worker;

    /** A request for the findings so far, answered by the worker in queue order. */
    private record AskedFindings(double alpha, CompletableFuture<ResponseFindings> answer) {
    }

    /**
     * @param second the role whose answers measure noise (the replica, or the baseline's second
     *               send), or null when noise is not measured
     */
    public ResponseComparisonRecorder(ResponseComparison config, String baseline, String candidate, String second,
                                      long seed) {
        this.config = config;
        this.baseline = baseline;
        this.candidate = candidate;
        this.second = second;
        this.roles = second == null ? 2 : 3;
        this.seed = seed;
        AccumulatorLimits limits = new AccumulatorLimits(config.examples(), config.exampleBytes(),
                AccumulatorLimits.DEFAULT.pathsPerEndpoint());
        this.diffs = new SingleWriterDiffAccumulator(limits, exampleRedactor(), seed);
        this.rejections = new NewRejectionCounter(seed);
        this.worker = new Thread(this::compareAll, "shadowgate-compare");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void accept(Outcome outcome) {
        int slot = slot(outcome.target());
        if (slot < 0) {
            return;
        }
        Outcome[] all = waiting.computeIfAbsent(outcome.requestId(), id -> new Outcome[roles]);
        boolean complete = true;
        synchronized (all) {
            all[slot] = outcome;
            for (Outcome o : all) {
                complete &= o != null;
            }
        }
        if (complete) {
            waiting.remove(outcome.requestId());
            if (!queue.offer(all)) {
                uncompared.increment();
            }
        }
    }

    /** Lets the worker compare what is queued and end; waits for it. Idempotent. */
    private void finish() {
        try {
            if (worker.isAlive()) {
                queue.put(END);
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the last responses were compared", e);
        }
    }

    /** Ends the worker, for a run that fails before asking for {@link #findings}. */
    @Override
    public void close() {
        finish();
    }

    private void compareAll() {
        try {
            for (Outcome[] pair = queue.take(); pair != END; pair = queue.take()) {
                if (pair == ASK) {
                    AskedFindings ask = asks.poll();
                    ask.answer().complete(summarise(ask.alpha()));
                } else {
                    compare(pair[0], pair[1], roles == 3 ? pair[2] : null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int slot(String target) {
        if (target.equals(baseline)) {
            return 0;
        }
        if (target.equals(candidate)) {
            return 1;
        }
        return target.equals(second) ? 2 : -1;
    }

    private void compare(Outcome b, Outcome c, Outcome n) {
        String endpoint = b.endpoint();
        boolean bAnswered = b.kind() == OutcomeKind.RESPONSE;
        boolean cAnswered = c.kind() == OutcomeKind.RESPONSE;
        if (bAnswered) {
            baselineSchema.learn(endpoint, b.status(), b.response().headers(), b.response().body());
        }
        if (cAnswered) {
            candidateSchema.learn(endpoint, c.status(), c.response().headers(), c.response().body());
        }
        if (!bAnswered) {
            return;
        }
        ResponseComparator comparator = comparators.computeIfAbsent(endpoint, e -> new ResponseComparator(config.rulesFor(e)));
        PreparedResponse base = PreparedResponse.of(snapshot(b));
        if (cAnswered) {
            PreparedResponse cand = PreparedResponse.of(snapshot(c));
            diffs.record(endpoint, b.requestId(), PairType.CANDIDATE, base.snapshot(), cand.snapshot(),
                    comparator.compare(base, cand));
            rejections.record(endpoint, b.status(), c.status(), b.requestId());
            ModelOutputPaths paths = config.modelFor(endpoint);
            if (paths != null && b.status() / 100 == 2 && c.status() / 100 == 2) {
                models.computeIfAbsent(endpoint, e -> new ModelComparisonRecorder(paths,
                        ResponseComparisonState.modelSeed(seed, e)))
                        .add(b.requestId(), b.response().body(), c.response().body());
            }
        }
        if (n != null && n.kind() == OutcomeKind.RESPONSE) {
            PreparedResponse again = PreparedResponse.of(snapshot(n));
            diffs.record(endpoint, b.requestId(), PairType.NOISE, base.snapshot(), again.snapshot(),
                    comparator.compare(base, again));
        }
    }

    private static ResponseSnapshot snapshot(Outcome o) {
        return new ResponseSnapshot(o.status(), o.response().headers(), o.response().body());
    }

    /**
     * Everything found; call once, when every outcome is in: waits for the pairs still queued to
     * be compared. {@code alpha} is the one-sided level for noise.
     */
    public ResponseFindings findings(double alpha) {
        finish();
        return summarise(alpha);
    }

    /**
     * What the pairs queued so far found, while the run goes on (a rollout's shadow phase is
     * judged on them): the worker answers once it has compared everything queued before the
     * question. Pairs still missing an outcome are not in it. Blocks the caller until then.
     */
    public ResponseFindings findingsSoFar(double alpha) {
        if (!worker.isAlive()) {
            return summarise(alpha);
        }
        AskedFindings ask = new AskedFindings(alpha, new CompletableFuture<>());
        asks.add(ask);
        try {
            queue.put(ASK);
            // Bounded: an ask that raced the end of the run is never answered.
            return ask.answer().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the findings so far", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the comparison worker did not answer within 30 s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("summarising the findings so far failed", e.getCause());
        }
    }

    /**
     * Everything compared, as data (a shard stores it); call once, when every outcome is in:
     * waits for the pairs still queued to be compared.
     */
    public ResponseComparisonState state() {
        finish();
        return snapshot();
    }

    /** The redaction of the bodies and headers kept in examples. */
    static Redactor exampleRedactor() {
        return Redactor.withDefaults(List.of(), SingleWriterDiffAccumulator.DEFAULT_REDACTED_FIELDS);
    }

    /** The state so far; on the worker thread, or after it ended. */
    private ResponseComparisonState snapshot() {
        Map<String, ModelComparisonRecorder.State> modelStates = new TreeMap<>();
        models.forEach((endpoint, recorder) -> modelStates.put(endpoint, recorder.state()));
        return new ResponseComparisonState(diffs.state(), baselineSchema.schema(), candidateSchema.schema(),
                rejections.state(), modelStates, uncompared.sum(), waiting.size());
    }

    /**
     * Everything found so far; on the worker thread, or after it ended. Read from the state, as a
     * merge of shards' states is, so one process and a merge take the same steps.
     */
    private ResponseFindings summarise(double alpha) {
        return snapshot().findings(config, seed, alpha);
    }
}
