package io.shadowgate.sim;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.util.SplittableRandom;

/**
 * The pipeline of every connection to a simulated server: HTTP codec, whole-request
 * aggregation, then the request handler with its own random stream. Shared by the server's
 * event loops; its only mutable state is the root random generator, split under its lock (the
 * service queue it hands on locks itself).
 */
final class SimulatedServerInitializer extends ChannelInitializer<SocketChannel> {

    /** Predict bodies are small feature vectors; anything larger is answered 413 by the aggregator. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final ModelApi api;
    private final BehaviourModel behaviour;
    private final FaultPlan faults;
    private final ServiceQueue service;
    private final FaultClock faultClock;
    /** Guarded by itself: {@code split()} is not thread-safe, and children run on several loops. */
    private final SplittableRandom root;
    private final long seed;
    private final boolean statesLatency;

    SimulatedServerInitializer(ModelApi api, BehaviourModel behaviour, FaultPlan faults, ServiceQueue service,
                               FaultClock faultClock, long seed, boolean statesLatency) {
        this.seed = seed;
        this.statesLatency = statesLatency;
        this.api = api;
        this.behaviour = behaviour;
        this.faults = faults;
        this.service = service;
        this.faultClock = faultClock;
        this.root = new SplittableRandom(seed);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        // One independent stream per connection: nothing random is shared on the request path,
        // and a run whose connections open in the same order draws the same values for a seed.
        SplittableRandom rng;
        synchronized (root) {
            rng = root.split();
        }
        ch.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("aggregate", new HttpObjectAggregator(MAX_BODY_BYTES))
                .addLast("simulate", new SimulatedRequestHandler(api, behaviour, faults, service, faultClock, rng,
                        statesLatency ? new StatedLatency(seed) : null));
    }
}
