package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.scenario.TrafficSpec.Arrivals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** N shards of a stream are the stream: no request missing, none twice, every one at its own instant. */
class ShardedTrafficTest {

    private static final RequestTemplate STATELESS = new RequestTemplate("predict", 1, "POST", "/v1/predict",
            Map.of(), "{\"features\": {{features:4}}}");
    private static final RequestTemplate IN_SESSIONS = new RequestTemplate("cart", 1, "GET", "/v1/cart/{{session}}",
            Map.of(), "", 97);

    private static TrafficSource stream(RequestTemplate template) {
        return new SynthesizedTraffic(new TrafficSpec(Duration.ofSeconds(4), 500, Arrivals.POISSON, List.of(template)), 7);
    }

    private static List<Request> read(TrafficSource source) {
        List<Request> out = new ArrayList<>();
        try (source) {
            source.forEachRemaining(out::add);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void theShardsTogetherAreTheWholeStreamWithEveryRequestAtItsOwnInstant(int count) {
        List<Request> whole = read(stream(STATELESS));
        Map<Long, Long> offsets = new HashMap<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Request> part = read(ShardedTraffic.of(stream(STATELESS), new Shard(i, count)));
            sizes.add(part.size());
            for (Request r : part) {
                assertThat(offsets.put(r.id(), r.offsetMicros())).as("request %d in two shards", r.id()).isNull();
            }
            assertThat(part).isSortedAccordingTo((a, b) -> Long.compare(a.offsetMicros(), b.offsetMicros()));
        }
        assertThat(offsets).hasSize(whole.size());
        assertThat(whole).allSatisfy(r -> assertThat(offsets.get(r.id())).isEqualTo(r.offsetMicros()));
        // Striped by position: the shards differ in size by one request at most.
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElseThrow()
                - sizes.stream().mapToInt(Integer::intValue).min().orElseThrow()).isLessThanOrEqualTo(1);
    }

    @Test
    void aSessionStaysOnOneShardAndTheShardsStillCoverTheStream() {
        List<Request> whole = read(stream(IN_SESSIONS));
        assertThat(whole).allSatisfy(r -> assertThat(r.sessionKey()).isNotNull());
        Map<String, Integer> shardOfSession = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        int[] sizes = new int[3];
        for (int i = 0; i < 3; i++) {
            for (Request r : read(ShardedTraffic.of(stream(IN_SESSIONS), new Shard(i, 3)))) {
                assertThat(seen.add(r.id())).isTrue();
                Integer before = shardOfSession.put(r.sessionKey(), i);
                assertThat(before).as("session %s split across shards", r.sessionKey()).isIn(null, i);
                sizes[i]++;
            }
        }
        assertThat(seen).hasSize(whole.size());
        // 97 sessions hashed three ways: no shard is left idle or given nearly everything.
        for (int size : sizes) {
            assertThat(size).isBetween(whole.size() / 6, whole.size() / 2);
        }
    }

    @Test
    void theShardOfASessionDoesNotDependOnTheJvm() {
        // CRC-32C of the key's UTF-8 bytes: fixed values any machine reproduces.
        assertThat(Shard.keyHash("user-17")).isEqualTo(Shard.keyHash(new String("user-17".toCharArray())));
        assertThat(Shard.keyHash("123456789")).isEqualTo(0xE3069283L);
    }

    @Test
    void aShardIsReadAsIOverN() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse("0/1").isWhole()).isTrue();
        assertThatThrownBy(() -> Shard.parse("4/4")).hasMessage("shard 4/4: expected I/N with 0 <= I < N");
        assertThatThrownBy(() -> Shard.parse("-1/2")).hasMessage("shard -1/2: expected I/N with 0 <= I < N");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessage("shard 1/0: expected I/N with 0 <= I < N");
        assertThatThrownBy(() -> Shard.parse("3")).hasMessage("'3' is not a shard: expected I/N, such as 0/4");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessage("'a/b' is not a shard: expected I/N with whole numbers, such as 0/4");
    }
}
