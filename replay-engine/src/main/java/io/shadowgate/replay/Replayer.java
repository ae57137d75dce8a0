package io.shadowgate.replay;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import io.shadowgate.netty.Transport;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Sends each request of a stream, at its intended instant, to the targets its
 * {@link TargetRouter} chooses: every target (shadow mode) or one (split mode). Reports one
 * outcome per request and chosen target to the sink. Each client event loop owns a pool per
 * target, and the copies of a request go out from the same loop back to back, in alternating
 * order so neither target is always second.
 *
 * <p>{@link #replay} runs on one thread; {@link #stop} may be called from any thread.
 */
public final class Replayer implements AutoCloseable {

    /** The schedule starts this long after {@link #replay} is called, so the first request is not born late. */
    public static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * How far ahead of their instants requests are handed to the event loops, which then send
     * them on their own timers. Only in shadow mode: a split router decides at hand-over, and
     * a revert must take effect from the next request, not from 10 ms later.
     */
    static final long LOOKAHEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Map<String, TargetEndpoint> targets;
    private final ReplayOptions options;
    private final Accounting accounting;
    private final EventLoopGroup group;
    private final List<EventLoop> loops = new ArrayList<>();
    /** pools.get(loop)[target index]. */
    private final List<ConnectionPool[]> pools = new ArrayList<>();
    private final String[] roles;
    /** The bits of {@link TargetRouter#route} that name a role. */
    private final long allTargets;
    private final TargetRouter router;
    /** One per loop, set when {@link #replay} starts; read by {@link #stop} on any thread. */
    private volatile List<LoopSchedule> schedules = List.of();
    private final AtomicLong notSentByLoops = new AtomicLong();
    private final SendBacklog backlog;
    private volatile boolean stopped;
    /** When {@link #stop} was called; requests due after it are not sent. */
    private volatile long stoppedAtNanos;

    /** Targets by role, in order (baseline first), with nothing added to their requests. */
    public Replayer(Map<String, URI> targets, ReplayOptions options, OutcomeSink sink) {
        this(options, sink, endpoints(targets), TargetRouter.ALL, 0);
    }

    /** As {@link #Replayer(Map, ReplayOptions, OutcomeSink)} with another backlog bound: tests reach it with little traffic. */
    static Replayer withBacklogBound(Map<String, URI> targets, ReplayOptions options, OutcomeSink sink, int bound) {
        return new Replayer(options, sink, endpoints(targets), TargetRouter.ALL, bound);
    }

    /** Targets by role, in order (baseline first), each with what to add to its requests; every request to each. */
    public static Replayer forEndpoints(Map<String, TargetEndpoint> targets, ReplayOptions options, OutcomeSink sink) {
        return new Replayer(options, sink, targets, TargetRouter.ALL, 0);
    }

    /** As {@link #forEndpoints}, each request to the targets {@code router} chooses. */
    public static Replayer routed(Map<String, TargetEndpoint> targets, TargetRouter router, ReplayOptions options,
                                  OutcomeSink sink) {
        return new Replayer(options, sink, targets, router, 0);
    }

    /** @param backlogBound see {@link SendBacklog}; 0 for {@link SendBacklog#HIGH_PER_LOOP} a loop */
    private Replayer(ReplayOptions options, OutcomeSink sink, Map<String, TargetEndpoint> targets, TargetRouter router,
                     int backlogBound) {
        this.targets = new LinkedHashMap<>(targets);
        this.options = options;
        this.accounting = new Accounting(sink);
        this.roles = this.targets.keySet().toArray(String[]::new);
        if (roles.length > Long.SIZE) {
            throw new IllegalArgumentException("at most " + Long.SIZE + " targets, found " + roles.length);
        }
        this.allTargets = roles.length == Long.SIZE ? -1L : (1L << roles.length) - 1;
        this.router = router;
        Transport transport = Transport.best();
        // No more loops than connections, and the limit split exactly: maxPerTarget is a promise to the target.
        List<String> hosts = this.targets.values().stream().map(t -> t.address().getHost()).toList();
        int threads = Math.max(1, Math.min(options.eventLoopsFor(hosts), options.maxConnections()));
        this.group = transport.newGroup(threads, "shadowgate-client");
        group.forEach(executor -> loops.add((EventLoop) executor));
        this.backlog = new SendBacklog(roles.length, backlogBound > 0 ? backlogBound : SendBacklog.HIGH_PER_LOOP * loops.size());
        for (int i = 0; i < loops.size(); i++) {
            int share = share(options.maxConnections(), i);
            ConnectionPool[] row = new ConnectionPool[roles.length];
            for (int t = 0; t < roles.length; t++) {
                row[t] = new ConnectionPool(loops.get(i), transport, this.targets.get(roles[t]), share, options);
            }
            pools.add(row);
        }
    }

    /**
     * Opens the warm-up connections to every target, proving each can be reached.
     *
     * @throws TargetUnreachableException naming the first target no connection could be opened to
     */
    public void connect() throws TargetUnreachableException {
        long waitMillis = options.connectTimeout().toMillis() + 1_000;
        // At least one connection per target, even with no warm-up asked for: it proves the target is there.
        int warmup = Math.max(1, options.warmupConnections());
        for (int t = 0; t < roles.length; t++) {
            List<Future<Integer>> warmed = new ArrayList<>();
            for (int i = 0; i < pools.size(); i++) {
                int share = Math.min(share(warmup, i), share(options.maxConnections(), i));
                if (share > 0) {
                    warmed.add(pools.get(i)[t].warmUp(share, options.connectTimeout()));
                }
            }
            String failure = null;
            boolean anyOpened = false;
            for (Future<Integer> f : warmed) {
                if (!f.awaitUninterruptibly(waitMillis)) {
                    failure = "no connection within " + options.connectTimeout().toMillis() + " ms";
                } else if (f.isSuccess()) {
                    anyOpened = true;
                } else {
                    failure = ConnectionPool.describe(f.cause());
                }
            }
            if (!anyOpened) {
                throw new TargetUnreachableException(roles[t], targets.get(roles[t]).address(), failure);
            }
        }
    }

    /**
     * Replays {@code source} in shadow mode and returns once every request has its outcome
     * at every target. Requests left when {@link #stop()} is called end as not sent.
     */
    public ReplaySummary replay(TrafficSource source) {
        return replay(source, start -> { });
    }

    /**
     * As {@link #replay(TrafficSource)}, first telling {@code onStart} the instant (a
     * {@link System#nanoTime()} value) that request offsets count from, so that others, such as
     * simulated faults, can share the schedule's clock.
     */
    public ReplaySummary replay(TrafficSource source, LongConsumer onStart) {
        return replay(source, System.nanoTime() + LEAD_NANOS, onStart);
    }

    /**
     * As {@link #replay(TrafficSource, LongConsumer)}, with request offsets counting from
     * {@code start} (a {@link System#nanoTime()} value, normally in the future: a common start
     * shared with other shards); requests due before the call are sent at once, and late.
     */
    public ReplaySummary replay(TrafficSource source, long start, LongConsumer onStart) {
        onStart.accept(start);
        List<LoopSchedule> perLoop = new ArrayList<>(loops.size());
        for (int i = 0; i < loops.size(); i++) {
            ConnectionPool[] row = pools.get(i);
            perLoop.add(new LoopSchedule(loops.get(i), start, this::sendable,
                    (request, chosen) -> send(row, request, chosen, start), this::notSentByLoop));
        }
        schedules = List.copyOf(perLoop);
        LoopCpu cpu = LoopCpu.start(loops);
        long[] notSent = {0};
        long lookahead = router == TargetRouter.ALL ? LOOKAHEAD_NANOS : 0;
        long dispatched = OpenLoopScheduler.run(source, start, lookahead, () -> stopped, this::dispatch,
                request -> {
                    notSent(request);
                    notSent[0]++;
                });
        // Every exchange has a timeout, so this ends; the margin covers a timer that fires late.
        long deadline = System.nanoTime() + lookahead + options.requestTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        if (!accounting.awaitAllClosed(deadline)) {
            throw new IllegalStateException(accounting.open() + " exchanges never ended; outcome accounting is broken");
        }
        long neverSent = notSentByLoops.get();
        return new ReplaySummary(dispatched + notSent[0], dispatched - neverSent, stopped, System.nanoTime() - start,
                cpu.busiest(), sends(start));
    }

    /** Per role, how its requests left every loop; asked of each loop on the loop. */
    private Map<String, TargetSends> sends(long start) {
        Map<String, TargetSends> byRole = new LinkedHashMap<>();
        for (String role : roles) {
            byRole.put(role, TargetSends.NONE);
        }
        for (int i = 0; i < loops.size(); i++) {
            ConnectionPool[] row = pools.get(i);
            TargetSends[] fromLoop = loops.get(i).submit(() -> {
                TargetSends[] s = new TargetSends[row.length];
                for (int t = 0; t < row.length; t++) {
                    s[t] = row[t].sends(start);
                }
                return s;
            }).syncUninterruptibly().getNow();
            for (int t = 0; t < roles.length; t++) {
                byRole.merge(roles[t], fromLoop[t], TargetSends::plus);
            }
        }
        return byRole;
    }

    /** Exchanges handed to the loops for target {@code t} (in role order) and not yet written. Any thread. */
    long unwritten(int t) {
        return backlog.unwritten(t);
    }

    private boolean sendable(long dueNanos) {
        return !stopped || dueNanos - stoppedAtNanos <= 0;
    }

    private void notSent(Request request) {
        long chosen = router.route(request, false) & allTargets;
        for (int t = 0; t < roles.length; t++) {
            if ((chosen & (1L << t)) != 0) {
                accounting.notSent(notSentOutcome(request, t));
            }
        }
    }

    /** A request handed to a loop, due only after the run stopped: its exchanges end unsent. */
    private void notSentByLoop(Request request, long chosen) {
        notSentByLoops.incrementAndGet();
        for (int t = 0; t < roles.length; t++) {
            if ((chosen & (1L << t)) != 0) {
                backlog.left(t);
                accounting.closed(notSentOutcome(request, t));
            }
        }
    }

    private Outcome notSentOutcome(Request request, int target) {
        return new Outcome(request.id(), roles[target], request.endpoint(), OutcomeKind.NOT_SENT, 0,
                request.offsetMicros() * 1_000, -1, -1, ResponseContent.NONE);
    }

    /** Loop {@code i}'s part of {@code total}, split as evenly as whole numbers allow. */
    private int share(int total, int i) {
        return total / loops.size() + (i < total % loops.size() ? 1 : 0);
    }

    private static Map<String, TargetEndpoint> endpoints(Map<String, URI> addresses) {
        Map<String, TargetEndpoint> out = new LinkedHashMap<>();
        addresses.forEach((role, uri) -> out.put(role, TargetEndpoint.of(uri)));
        return out;
    }

    /** Stops the schedule: nothing more is sent; requests in flight end normally. Any thread. */
    public void stop() {
        if (stopped) {
            return;
        }
        stoppedAtNanos = System.nanoTime();
        stopped = true;
        for (LoopSchedule schedule : schedules) {
            schedule.flush();
        }
    }

    public boolean isStopped() {
        return stopped;
    }

    /**
     * Routes {@code batch} (here, on the scheduler thread, in schedule order) and hands each
     * loop its part in one task: one wake-up per loop, not one per request. It goes in chunks
     * (256 requests at most), each after waiting while every target is far behind
     * ({@link SendBacklog}), so that a batch far behind its schedule overshoots the bound by little.
     */
    private void dispatch(List<Request> batch) {
        int chunk = backlog.chunk();
        for (int from = 0; from < batch.size(); from += chunk) {
            backlog.awaitRoom(() -> stopped);
            handOver(batch.subList(from, Math.min(batch.size(), from + chunk)));
        }
    }

    private void handOver(List<Request> requests) {
        List<LoopSchedule> schedules = this.schedules;
        List<List<LoopSchedule.Routed>> perLoop = new ArrayList<>(loops.size());
        for (int i = 0; i < loops.size(); i++) {
            perLoop.add(new ArrayList<>(requests.size() / loops.size() + 1));
        }
        int exchanges = 0;
        int[] perTarget = new int[roles.length];
        for (Request request : requests) {
            long chosen = router.route(request, true) & allTargets;
            exchanges += Long.bitCount(chosen);
            for (int t = 0; t < roles.length; t++) {
                if ((chosen & (1L << t)) != 0) {
                    perTarget[t]++;
                }
            }
            perLoop.get((int) (request.id() % loops.size())).add(new LoopSchedule.Routed(request, chosen));
        }
        accounting.opened(exchanges);
        for (int t = 0; t < roles.length; t++) {
            backlog.added(t, perTarget[t]);
        }
        for (int i = 0; i < loops.size(); i++) {
            if (!perLoop.get(i).isEmpty()) {
                schedules.get(i).add(perLoop.get(i));
            }
        }
    }

    private void send(ConnectionPool[] row, Request request, long chosen, long start) {
        long intended = start + request.offsetMicros() * 1_000;
        boolean reverse = (request.id() & 1) == 1;
        for (int i = 0; i < row.length; i++) {
            int t = reverse ? row.length - 1 - i : i;
            if ((chosen & (1L << t)) == 0) {
                continue;
            }
            Exchange exchange = new Exchange(request, roles[t], start, intended, accounting, backlog, t);
            try {
                row[t].submit(exchange);
            } catch (RuntimeException e) {
                // Whatever went wrong, this request still gets its one outcome at this target.
                exchange.end(OutcomeKind.CONNECTION_ERROR, 0, ResponseContent.NONE);
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
