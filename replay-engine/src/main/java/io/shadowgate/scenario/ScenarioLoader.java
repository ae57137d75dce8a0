package io.shadowgate.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.shadowgate.scenario.ScenarioDocument.RootDoc;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Loads a scenario file (YAML, or JSON when the name ends in {@code .json}), validates it
 * and returns it with the SHA-256 of its bytes. Every problem is a {@link ScenarioException}
 * whose message is {@code FILE:LINE:COLUMN: MESSAGE}; unknown keys are errors, so a typo
 * never silently falls back to a default. Stateless and thread-safe.
 *
 * <h2>File format</h2>
 * <pre>{@code
 * name: demo-rollback              # required; [A-Za-z0-9._-]+ (names report directories)
 * description: Rollback to 2.3.1   # optional, default ""
 * seed: 42                         # optional integer, default 1
 * mode: shadow                     # optional, default shadow; only "shadow" for now (any case)
 * targets:                         # required; keys baseline, candidate (both required), baseline-replica
 *   baseline:
 *     url: http://127.0.0.1:8080   # EITHER url: http only (https is not supported yet), with a host,
 *                                  #   no query or fragment ...
 *     allowSideEffects: true       # optional; replay POST/PUT/PATCH/DELETE here (default: only to simulated)
 *     host: api.internal           # optional; the Host header to present
 *     headers:                     # optional; set on every request to this target only
 *       Authorization: ${env:TOKEN}  #   a whole value ${env:NAME} is read from the environment at run time
 *   candidate:
 *     simulated:                   # ... OR simulated: a server the run starts on a loopback port
 *       version: "2.3.1"           # required; numbers such as 2.3 are taken as text
 *       latency:                   # optional, default instant
 *         median: 5ms              # required if latency is given
 *         sigma: 0.3               # >= 0, default 0
 *         tailProbability: 1%      # fraction, default 0
 *         tail: 80ms               # default 0; required and > 0 if tailProbability > 0
 *       errorRate: 0.5%            # fraction, default 0
 *       errorStatus: 503           # 500..599, default 503
 *       concurrency: 8             # optional integer >= 1: requests in service at once; later ones
 *                                  #   wait first come, first served (default: no limit)
 *       faults:                    # optional list (see FaultsValidator)
 *         - kind: errors           # stall (hold responses), slow (add latency), errors (answer
 *                                  #   status), reset (TCP reset), hang (never answer), slow-body
 *                                  #   (body spread over add); any case
 *           at: 2s                 # >= 0, from the schedule's start
 *           duration: 1s           # > 0
 *           fraction: 50%          # not for stall; share of requests arriving in the window hit,
 *                                  #   default 100%
 *           status: 502            # errors only: 400..599, default 503; never GET /healthz
 *           # add: 5ms             # slow and slow-body only, required there: latency added to a
 *                                  #   request (slow), time the body takes after the headers (slow-body)
 *       responses:                 # optional; varies the 200 answers of POST /v1/predict only, never
 *                                  #   /healthz or errors. Fields: requestId, modelVersion, label, score
 *                                  #   (+ servedAt, traceId if nondeterministic), named before renaming
 *         weightsOf: "2.4.0"       # score with this version's weights; modelVersion still says version
 *         scoreShift: 0.004        # in [-1, 1], at most 6 decimals: added to every score, clamped to
 *                                  #   [0, 1]; the label follows the shifted score (positive from 0.5)
 *         flipLabels: {feature: 0, above: 0.8}   # label set to the other class where features[0] > 0.8;
 *                                  #   the score is unchanged; feature >= 0, both keys required
 *         renameFields: {score: confidence}      # in place; a new name must not be a field of the answer
 *         dropFields: [modelVersion]             # not also renamed
 *         stringFields: [score]    # only score (the one number): sent as text of the same digits
 *         nondeterministic: true   # default false; adds servedAt (now, ISO-8601 UTC) and traceId
 *                                  #   (a random UUID), so two answers to one request differ
 * traffic:                         # required; exactly one source: synth, or file/har/gor/accesslog: PATH
 *   synth:                         # synthesized from a workload model
 *     duration: 60s                # required, > 0
 *     rate: 200                    # the load shape, requests per second per target: exactly one of
 *                                  #   rate: N                      fixed, > 0
 *                                  #   ramp: {from: 100, to: 2000}  linear over the whole duration; >= 0, not both 0
 *                                  #   steps:                       each rate holds until the next step
 *                                  #     - {at: 0s, rate: 200}      first at 0s; then increasing at, < duration
 *                                  #     - {at: 20s, rate: 2000}    a burst is a step up ...
 *                                  #     - {at: 25s, rate: 200}     ... and back down; rates >= 0, one > 0
 *                                  #   diurnal: {base: 300, amplitude: 200, period: 2m, phase: 30s}
 *                                  #     base + amplitude·sin(2π(t + phase)/period): base > 0,
 *                                  #     0 <= amplitude <= base, period > 0, phase >= 0 (default 0s)
 *     arrivals: poisson            # constant | poisson, default poisson; both follow the shape (constant:
 *                                  #   request n where the expected count passes n; poisson: a
 *                                  #   non-homogeneous Poisson process with the shape as intensity)
 *     requests:                    # required, at least one
 *       - name: predict            # default "METHOD path" without the query; names must be unique
 *         weight: 9                # > 0, default 1
 *         method: POST             # letters only, upper-cased; default GET
 *         path: /v1/users/{{int:1:1000}}/predict   # required, starts with '/'; placeholders allowed
 *         sessions: 1000           # optional, >= 1: each request draws one of 1000 sessions, uniformly,
 *                                  #   as its session key; {{session}} renders the key
 *         headers:                 # optional, kept in order; values may hold placeholders
 *           content-type: application/json
 *           cookie: sid={{session}}
 *         body: '{"features": {{features:8}}, "tier": "{{choice:free=3|pro=1}}"}'   # optional
 *   # file: capture.jsonl.gz       # OR recorded traffic, relative to this file: file (a traffic file),
 *   # skipBadRecords: true         #   har, gor or accesslog; skipBadRecords counts and skips bad records
 *   replay:                        # optional, for any source; each key optional
 *     from: 30s                    # a time window [from, to); offsets then count from 'from'
 *     to: 90s
 *     methods: [GET, POST]         # only these methods
 *     allowPaths: ['^/v1/']        # only paths matching one of these regexes ...
 *     denyPaths: ['^/v1/admin']    # ... and none of these
 *     speed: 2                     # > 0: recorded gaps divided by it
 *     maxGap: 1s                   # idle gaps longer than this are shortened to it
 *     rate: 500                    # OR constant spacing at this rate (not with speed or maxGap)
 *     loop: 3                      # >= 1: the stream this many times back to back
 *     rewritePaths: [{match: '^/v1/', replace: '/v2/'}]
 *     setHeaders: {X-Replay: shadowgate}
 *     removeHeaders: [Cookie]
 * timeouts:                        # optional; each key optional, > 0; defaults Timeouts.DEFAULT
 *   connect: 1s
 *   request: 2s
 * connections:                     # optional; defaults Connections.DEFAULT
 *   maxPerTarget: 256              # integer >= 1
 *   warmup: 16                     # integer 0..maxPerTarget; default min(16, maxPerTarget)
 *   eventLoops: 2                  # integer 1..64; default: one per core, or half the cores
 *                                  # when every target is on this machine (loopback)
 * gates:                           # optional; absent means default minSamples and no gates
 *   minSamples: 500                # integer >= 1, default Gates.DEFAULT_MIN_SAMPLES
 *   latency:                       # key 'p' + a number strictly between 0 and 100
 *     p50: {maxIncrease: 10%}      # each gate needs maxIncrease (fraction >= 0), maxMs (> 0) or both
 *     p99: {maxIncrease: 10%, maxMs: 250}
 *     p99.9: {maxMs: 500}
 *   errorRate: {maxIncrease: 0.5%} # required key; absolute percentage points, >= 0
 * }</pre>
 *
 * <p>Value syntax: <b>durations</b> need a unit ({@code 250ms}, {@code 2s}, {@code 1.5s},
 * {@code 5m}, {@code 100us}, {@code 1h}, {@code 1m30s}); a bare number is an error because
 * its unit would be a guess. <b>Fractions</b> are {@code 10%} or a plain number in [0, 1];
 * a plain number above 1 is an error (a percentage missing its sign), negatives are errors,
 * and probabilities (errorRate, tailProbability) cannot exceed 100%.
 *
 * <p><b>Placeholders</b> in a request's path, header values and body are filled per request
 * from the seed: {@code {{seq}}}, {@code {{uuid}}}, {@code {{int:MIN:MAX}}},
 * {@code {{float:MIN:MAX}}}, {@code {{features:N}}}, {@code {{choice:a|b|c}}} (equally likely)
 * or {@code {{choice:a=3|b=1}}} (weighted; once one option has '=', all need a weight),
 * {@code {{session}}} and {@code {{session:N}}} (which also sets {@code sessions: N}); see
 * {@link TemplateText}. A session key is 16 hex digits, the same for session i in every run and
 * request template. Placeholders are checked when the scenario loads, each error at its key.
 * Arrivals, the request mix, sessions, paths and headers, and bodies draw from separate random
 * streams, so editing a body never moves an arrival.
 *
 * <p>Errors are located at the offending key (a list item: at its first token); a missing
 * required key is reported at the mapping that should contain it. Only the first error is
 * reported.
 */
public final class ScenarioLoader {

    /** Scenario files are a few kilobytes; anything far larger is the wrong file (a traffic capture). */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /**
     * {@code key:} with nothing after it is null in YAML; the builder's default would make it
     * empty text, and the messages would then say "found empty text" instead of "has no value".
     */
    private static final JsonFactory YAML = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ScenarioLoader() {
    }

    /**
     * Reads, parses and validates one scenario file.
     *
     * @param file the scenario file; printed in messages as given
     * @return the scenario with the file's SHA-256
     * @throws ScenarioException if the file cannot be read or is not a valid scenario
     */
    public static LoadedScenario load(Path file) throws ScenarioException {
        byte[] content = read(file);
        LocatedTree tree = LocatedTree.parse(file, content, isJson(file) ? JSON : YAML);
        RootDoc document = DocumentBinder.bind(tree);
        Scenario scenario = new ScenarioValidator(tree).validate(document);
        return new LoadedScenario(scenario, file, sha256(content));
    }

    /**
     * Reads a simulated target's profile on its own (the keys of a {@code simulated:} block:
     * version, latency, errorRate, errorStatus, faults, responses, concurrency), for
     * {@code shadowgate simulate --profile}.
     *
     * @throws ScenarioException if the file cannot be read or is not a valid profile
     */
    public static SimulatedProfile loadProfile(Path file) throws ScenarioException {
        byte[] content = read(file);
        LocatedTree tree = LocatedTree.parse(file, content, isJson(file) ? JSON : YAML);
        ScenarioDocument.SimulatedDoc document = DocumentBinder.bind(tree, ScenarioDocument.SimulatedDoc.class,
                "a simulated profile");
        return new TargetValidator(new FieldChecks(tree)).simulated("", document);
    }

    /**
     * Reads a faults file, {@code faults: [{kind: errors, at: 10s, duration: 5s}, ...]} with the
     * fault keys of a simulated target, for {@code shadowgate proxy --faults}. An empty list is
     * allowed (the proxy then only forwards).
     *
     * @throws ScenarioException if the file cannot be read or is not a valid faults file
     */
    public static List<FaultSpec> loadFaults(Path file) throws ScenarioException {
        byte[] content = read(file);
        LocatedTree tree = LocatedTree.parse(file, content, isJson(file) ? JSON : YAML);
        FaultsValidator.FaultsFileDoc document = DocumentBinder.bind(tree, FaultsValidator.FaultsFileDoc.class,
                "a faults file");
        FieldChecks check = new FieldChecks(tree);
        return new FaultsValidator(check).faults("faults", check.required("", "faults", document.faults(),
                "the list of faults, e.g. [{kind: errors, at: 10s, duration: 5s, fraction: 50%}]"));
    }

    private static boolean isJson(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static byte[] read(Path file) throws ScenarioException {
        try {
            if (Files.isDirectory(file)) {
                throw new ScenarioException(file, "cannot read file: it is a directory");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ScenarioException(file, "cannot read file: " + size + " bytes is too large for a scenario"
                        + " (limit " + MAX_FILE_BYTES + "); is this a traffic file?");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file, "cannot read file: No such file", e);
        } catch (AccessDeniedException e) {
            throw new ScenarioException(file, "cannot read file: Permission denied", e);
        } catch (IOException e) {
            throw new ScenarioException(file, "cannot read file: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256, the same form captures use, so reports can quote both alike. */
    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
