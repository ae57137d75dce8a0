#!/usr/bin/env bash
# Memory over a long replay (issue #8): replays a 10,000,000-record traffic file in shadow mode
# under -Xmx256m, with a GC log, and shows whether the heap stays flat. One command:
#
#   nice -n 19 bench/replay-10m.sh                  # builds, makes the traffic once, replays, reports
#   RECORDS=1000000 SKIP_BUILD=1 nice -n 19 bench/replay-10m.sh       # a 40 s rehearsal of the same
#
# What it does:
#   1. builds replay-engine/target/shadowgate.jar (unless SKIP_BUILD=1);
#   2. synthesizes RECORDS requests (80 % POST /v1/predict with a small JSON body, 10 %
#      GET /v1/models/{name}, 10 % GET /healthz; constant arrivals at 25,000/s) into a gzipped
#      traffic file under CACHE_DIR, outside the repository, once: later runs reuse it (its size
#      and SHA-256 are printed; the name carries a hash of the workload, so a changed workload
#      makes a new file);
#   3. starts one loopback nginx (one worker, a 306-byte JSON answer; bench/nginx-target.sh),
#      installed from Debian packages when missing (needs root), stopped by its pid however the
#      script ends;
#   4. replays the whole file to baseline and candidate, both that nginx, responses compared
#      (the default), at RATE paired requests/s, under java -Xmx$HEAP with a GC log; the run is
#      bounded by `timeout` (Ctrl-C at TIME_LIMIT seconds, which writes a partial report, then a
#      kill 60 s later);
#   5. checks it completed (exit code, verdict.json not partial, counts add up, every target
#      scheduled RECORDS) and prints the run's figures and a heap-over-time table from the GC
#      log: heap after each GC, min/median/max per tenth of the replay, pause totals, and
#      whether the heap after GC stayed flat. gc-heap.csv (uptime s, heap after GC MB) goes
#      next to the run's reports for plotting.
#
# Environment (defaults in brackets): RECORDS [10000000, a multiple of 25], RATE [25000 paired
# requests/s; the replayer saturates near 40,000 on two cores], HEAP [256m], PORT [18081],
# CONNECTIONS [64 per target], CACHE_DIR [~/.cache/shadowgate-bench], OUT [reports/replay-10m/<UTC
# time>], TIME_LIMIT [seconds; 2 x the schedule + 300], LIVE_SAMPLES [10: that many
# `jcmd GC.class_histogram`s, evenly over the schedule, saved as histogram-*.txt; each runs a full
# GC first, whose heap after is the live set; 0 for none], QUIET_WAIT [300 s] and QUIET_CORES [0.3] (before replaying, wait up
# to QUIET_WAIT s for other processes to use under QUIET_CORES cores; then replay anyway),
# SKIP_BUILD=1, MVN_FLAGS (e.g. -o). CPU use (this run's java + nginx, and every other process)
# is sampled from /proc every 2 s into cpu.csv and shown per tenth of the run. Exit: 0 when the
# run completed and the heap stayed flat, 1 when it completed but the heap grew, 70 when it did
# not complete. On a shared machine run it under `nice -n 19` (every child inherits it, nginx
# included). At 25,000/s the replay needs about 1.7 of the two cores; given less it falls
# behind, requests time out, and the heap holds the backlog (see bench/README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
records="${RECORDS:-10000000}"
rate="${RATE:-25000}"
heap="${HEAP:-256m}"
port="${PORT:-18081}"
connections="${CONNECTIONS:-64}"
cache="${CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/shadowgate-bench}"
out="${OUT:-$root/reports/replay-10m/$(date -u +%Y%m%dT%H%M%SZ)}"
file_rate=25000   # the traffic file's own rate: constant arrivals 40 us apart
schedule_s=$(( (records + rate - 1) / rate ))
time_limit="${TIME_LIMIT:-$(( 2 * schedule_s + 300 ))}"
live_samples="${LIVE_SAMPLES:-10}"

(( records > 0 && records % 25 == 0 )) || { echo "replay-10m: RECORDS must be a positive multiple of 25, was $records" >&2; exit 64; }

need() { command -v "$1" >/dev/null 2>&1; }
if ! need nginx; then
  if [[ $(id -u) -ne 0 ]] || ! need apt-get; then
    echo "replay-10m: needs nginx (apt-get install nginx), and cannot install it here" >&2
    exit 69
  fi
  echo "replay-10m: installing nginx..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >&2
fi
need python3 || { echo "replay-10m: needs python3 to read verdict.json and the GC log" >&2; exit 69; }

jar="$root/replay-engine/target/shadowgate.jar"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "replay-10m: building the engine..." >&2
  # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
  mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -DskipTests -Dmaven.test.skip=true package -pl replay-engine >&2
fi
[[ -f "$jar" ]] || { echo "replay-10m: $jar does not exist; build it first" >&2; exit 70; }

# shellcheck source=bench/nginx-target.sh
source "$here/nginx-target.sh"
work="$(mktemp -d)"
runner=""
cleanup() {
  if [[ -n "$runner" ]] && kill -0 "$runner" 2>/dev/null; then
    # Interrupted: Ctrl-C the replay (timeout relays it), so it writes its partial report.
    kill -INT "$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
  nginx_target_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. The traffic, made once --------------------------------------------------------------
workload=$(cat <<'YAML'
    arrivals: constant
    requests:
      - name: predict
        weight: 8
        method: POST
        path: /v1/predict
        sessions: 50000
        headers: {content-type: application/json, accept: application/json}
        body: '{"id": "req-{{seq}}", "user": "{{session}}", "model": "{{choice:ranker=3|fraud=1}}", "features": {{features:8}}}'
      - name: model
        weight: 1
        method: GET
        path: '/v1/models/{{choice:ranker=3|fraud=1}}'
        headers: {accept: application/json}
      - name: healthz
        weight: 1
        method: GET
        path: /healthz
YAML
)
seed=20261126
key=$(printf '%s %s\n%s\n' "$file_rate" "$seed" "$workload" | sha256sum | cut -c1-10)
traffic="$cache/replay-$records-$key.jsonl.gz"
mkdir -p "$cache"
if [[ ! -f "$traffic" ]]; then
  cat > "$cache/replay-$records-$key.yaml" <<YAML
# The workload of $traffic (bench/replay-10m.sh).
name: replay-10m-traffic
seed: $seed
targets:
  baseline: {url: "http://127.0.0.1:$port"}
  candidate: {url: "http://127.0.0.1:$port"}
traffic:
  synth:
    duration: $(( records * 1000000 / file_rate ))us
    rate: $file_rate
$workload
gates:
  latency: {p99: {maxIncrease: 10%}}
YAML
  echo "replay-10m: writing $records records to $traffic (once; later runs reuse it)..." >&2
  t0=$(date +%s)
  java -jar "$jar" synth "$cache/replay-$records-$key.yaml" --out "$traffic.part.jsonl.gz" >&2
  mv "$traffic.part.jsonl.gz" "$traffic"
  echo "replay-10m: made in $(( $(date +%s) - t0 )) s" >&2
fi
echo "== traffic: $traffic"
echo "   $(stat -c %s "$traffic" | awk '{printf "%.1f MB", $1 / 1e6}'), SHA-256 $(sha256sum "$traffic" | cut -d' ' -f1)"

# --- 2. The target --------------------------------------------------------------------------
nginx_target_start "$work/nginx" "$port"

# --- 3. The replay --------------------------------------------------------------------------
mkdir -p "$out"
replay=""
if [[ "$rate" != "$file_rate" ]]; then
  replay="  replay: {rate: $rate}"
fi
cat > "$out/replay-10m.yaml" <<YAML
# bench/replay-10m.sh: $records recorded requests, shadow mode, both targets one loopback nginx.
name: replay-10m
seed: 8
targets:
  baseline: {url: "http://127.0.0.1:$port", allowSideEffects: true}
  candidate: {url: "http://127.0.0.1:$port", allowSideEffects: true}
traffic:
  file: $traffic
$replay
connections: {maxPerTarget: $connections, warmup: 16}
timeouts: {connect: 1s, request: 5s}
gates:
  minSamples: 500
  latency:
    p50: {maxIncrease: 10%}
    p99: {maxIncrease: 10%}
  errorRate: {maxIncrease: 0.5%}
YAML

# CPU accounting from /proc, in clock ticks: the machine's busy time, and that of given processes.
tick=$(getconf CLK_TCK)
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
processes_busy() {
  local sum=0 p t
  for p in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null) || t=0
    sum=$(( sum + ${t:-0} ))
  done
  echo "$sum"
}
# Waits up to QUIET_WAIT s until other processes use under QUIET_CORES cores (5 s average).
quiet_wait="${QUIET_WAIT:-300}"
quiet_cores="${QUIET_CORES:-0.3}"
waited=0
while :; do
  b0=$(machine_busy); sleep 5; b1=$(machine_busy)
  busy=$(awk -v d=$(( b1 - b0 )) -v t="$tick" 'BEGIN {printf "%.2f", d / t / 5}')
  if awk -v b="$busy" -v q="$quiet_cores" 'BEGIN {exit !(b < q)}'; then
    echo "== other processes: $busy cores (5 s before the replay, after waiting $waited s)"
    break
  fi
  waited=$(( waited + 5 ))
  if (( waited >= quiet_wait )); then
    echo "== other processes: still $busy cores after waiting $waited s for under $quiet_cores; replaying anyway (see the 'other cores' column)"
    break
  fi
done

echo "== machine: nproc $(nproc), $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(java -version 2>&1 | head -1), $(nginx -v 2>&1), nice $(nice)"
echo "== replay: $records records at $rate paired/s (~$schedule_s s), -Xmx$heap, $connections connections per target, limit $time_limit s"
echo "   out: $out"
gclog="$out/gc.log"
t0=$(date +%s.%N)
set +e
timeout --signal=INT --kill-after=60 "$time_limit" \
  java "-Xmx$heap" "-Xlog:gc*:file=$gclog:time,uptime,level,tags" \
  -XX:+HeapDumpOnOutOfMemoryError "-XX:HeapDumpPath=$out" -XX:+ExitOnOutOfMemoryError \
  -jar "$jar" run "$out/replay-10m.yaml" --out "$out" 2> >(tee "$out/shadowgate.err" >&2) &
runner=$!
# Every 2 s: wall time, the machine's busy ticks, and the ticks of this run's java and nginx.
(
  sleep 1
  pid=$(pgrep -P "$runner" java | head -1)
  workers=$(pgrep -P "$NGINX_PID" | tr '\n' ' ')
  echo "epoch_s,machine_ticks,ours_ticks"
  while kill -0 "$runner" 2>/dev/null; do
    # shellcheck disable=SC2086 # workers is a list of pids
    echo "$(date +%s.%N),$(machine_busy),$(processes_busy "$pid" "$NGINX_PID" $workers)"
    sleep 2
  done
) > "$out/cpu.csv" &
if (( live_samples > 0 )); then
  # The live set: at the middle of each 1/LIVE_SAMPLES of the schedule, a class histogram, which
  # first runs a full GC (the GC log's "Pause Full (Heap Inspection Initiated GC)").
  (
    sleep 2
    pid=$(pgrep -P "$runner" java | head -1)
    # The schedule starts after the traffic scan; its first progress line comes 10 s later.
    until grep -q '^progress' "$out/shadowgate.err" 2>/dev/null || ! kill -0 "$pid" 2>/dev/null; do sleep 1; done
    start=$(( $(date +%s) - 10 ))
    for (( k = 0; k < live_samples; k++ )); do
      at=$(( start + schedule_s * (2 * k + 1) / (2 * live_samples) ))
      while (( $(date +%s) < at )) && kill -0 "$pid" 2>/dev/null; do sleep 1; done
      kill -0 "$pid" 2>/dev/null || break
      jcmd "$pid" GC.class_histogram > "$out/histogram-$(printf %02d $(( k + 1 ))).txt" 2>&1 || true
    done
  ) &
fi
wait "$runner"
code=$?
set -e
elapsed=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
echo "== java exited $code after $elapsed s"

# --- 4. Checks and the heap over time -------------------------------------------------------
python3 - "$out" "$records" "$code" "$elapsed" "$tick" <<'PY'
import csv, datetime, json, os, re, statistics, sys

out, records, code, elapsed, tick = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
problems, warnings = [], []
if code not in (0, 1, 2):
    problems.append(f"exit code {code} (0, 1 or 2 is a verdict; 124/137: the time limit; 3: out of memory)")
verdict = None
try:
    verdict = json.load(open(os.path.join(out, "verdict.json")))
except (OSError, ValueError) as e:
    problems.append(f"no readable verdict.json ({e})")


def instant(text):
    """An ISO-8601 UTC instant from verdict.json (nanosecond digits allowed) as epoch seconds."""
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$", text)
    whole = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return whole.timestamp() + float("0." + (m.group(2) or "0"))


def pct(values, p):
    return {v["percentile"]: v["millis"] for v in values["percentiles"]}.get(p, float("nan"))


if verdict:
    info = verdict["info"]
    if info["partial"]:
        problems.append("the run is marked partial")
    print(f"verdict: {verdict['verdict']['decision']}  (run {info['started']} .. {info['finished']})")
    print("| target | scheduled | 2xx | timeouts | conn. errors | not sent | adds up | paced /s | answered 2xx /s "
          "| lateness p50 / p99 / p99.9 ms | latency p50 / p99 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for t in verdict["targets"]:
        c = t["counts"]
        if not c["addsUp"]:
            problems.append(f"{t['target']}: counts do not add up")
        if c["scheduled"] != records:
            problems.append(f"{t['target']}: scheduled {c['scheduled']:,}, not {records:,}")
        if c["errors"] > 0.01 * c["scheduled"]:
            warnings.append(f"{t['target']}: {c['errors']:,} errors ({100 * c['errors'] / c['scheduled']:.1f} %): the replay "
                            "was overloaded, and the heap then holds the backlog (up to rate x request timeout)")
        first = min((p["startMillis"] for p in t["series"]), default=0)
        last = max((p["endMillis"] for p in t["series"]), default=0)
        span = (last - first) / 1000.0 if last > first else float("nan")
        print(f"| {t['target']} | {c['scheduled']:,} | {c['status2xx']:,} | {c['timeouts']:,} | {c['connectionErrors']:,} "
              f"| {c['notSent']:,} | {c['addsUp']} | {c['scheduled'] / span:,.0f} | {c['status2xx'] / span:,.0f} "
              f"| {pct(t['lateness'], 50.0):.3f} / {pct(t['lateness'], 99.0):.3f} / {pct(t['lateness'], 99.9):.3f} "
              f"| {pct(t['latency'], 50.0):.3f} / {pct(t['latency'], 99.0):.3f} |")
    print(f"schedule start to last outcome: {span:.1f} s; whole command (scan, warm-up, reports): {elapsed:.1f} s")

# GC log: "[2026-11-26T21:14:34.639+0000][0.552s][info][gc          ] GC(0) Pause Young (...) 14M->3M(256M) 19.938ms"
size = {"K": 1 / 1024, "M": 1, "G": 1024}
# The level is padded once a wider one ("warning") has been logged: "[info   ]".
pause_re = re.compile(r"^\[([^\]]+)\]\[([\d.]+)s\]\[\w+\s*\]\[gc\s*\] GC\(\d+\) (Pause .*?) (\d+)([KMG])->(\d+)([KMG])"
                      r"\((\d+)([KMG])\) ([\d.]+)ms")
gcs = []
try:
    for line in open(os.path.join(out, "gc.log")):
        m = pause_re.match(line)
        if m:
            stamp = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z")
            gcs.append({"wall": stamp.timestamp(), "up": float(m.group(2)), "kind": m.group(3).strip(),
                        "after": int(m.group(6)) * size[m.group(7)], "pause": float(m.group(10))})
except OSError as e:
    problems.append(f"no GC log ({e})")

# CPU samples: other processes' cores = (machine's busy ticks - ours) / tick / seconds.
cpu = []
try:
    with open(os.path.join(out, "cpu.csv")) as f:
        rows = [(float(r["epoch_s"]), int(r["machine_ticks"]), int(r["ours_ticks"])) for r in csv.DictReader(f)]
    for (t0, m0, o0), (t1, m1, o1) in zip(rows, rows[1:]):
        if t1 > t0 and o1 >= o0:
            cpu.append((t1, max(0.0, ((m1 - m0) - (o1 - o0)) / tick / (t1 - t0)), (o1 - o0) / tick / (t1 - t0)))
except (OSError, ValueError, KeyError):
    pass


def cores(lo, hi, which):
    s = [c[which] for c in cpu if lo <= c[0] < hi]
    return statistics.mean(s) if s else float("nan")


flat = None
if gcs:
    with open(os.path.join(out, "gc-heap.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["uptime_s", "heap_after_gc_mb"])
        for g in gcs:
            w.writerow([f"{g['up']:.3f}", f"{g['after']:.1f}"])
    # Full GCs run by the live-set samples (jcmd GC.class_histogram) apart from the JVM's own.
    forced = [g for g in gcs if "Heap Inspection" in g["kind"]]
    own = [g for g in gcs if "Heap Inspection" not in g["kind"]]
    # The replay is verdict.json's started..finished (after the traffic scan); before it, the scan.
    offset = gcs[0]["wall"] - gcs[0]["up"]
    if verdict:
        begin, end = instant(verdict["info"]["started"]) - offset, instant(verdict["info"]["finished"]) - offset
    else:
        begin, end = gcs[0]["up"], gcs[-1]["up"]
    before = [g for g in own if g["up"] < begin]
    during = [g for g in own if begin <= g["up"] <= end]
    live = [g for g in forced if begin <= g["up"] <= end]
    pauses = [g["pause"] for g in own]
    fulls = [g for g in own if g["kind"].startswith("Pause Full")]
    largest = max(own, key=lambda g: g["pause"])
    print(f"\nGC (G1, whole JVM, the JVM's own GCs): {len(own)} pauses, {sum(pauses) / 1000:.2f} s in all "
          f"({100 * sum(pauses) / 1000 / gcs[-1]['up']:.2f} % of {gcs[-1]['up']:.0f} s), largest {largest['pause']:.1f} ms "
          f"({largest['kind']} at {largest['up']:.0f} s), {len(fulls)} full GCs")
    if forced:
        print(f"plus {len(forced)} full GCs run for the live-set samples: {sum(g['pause'] for g in forced):.0f} ms in all, "
              f"largest {max(g['pause'] for g in forced):.1f} ms")
    if before:
        print(f"before the replay (start-up, traffic scan; uptime 0-{begin:.0f} s): {len(before)} pauses, heap after GC "
              f"at most {max(g['after'] for g in before):.1f} MB")
    print(f"\nheap during the replay (uptime {begin:.0f}-{end:.0f} s), per tenth of it: heap after each of the JVM's GCs; "
          f"the live set (heap after a full GC run for it); CPU use in cores (this run's java + nginx / other processes):")
    print("| slice | uptime s | GCs | heap after GC min / median / max MB | pause total ms | largest pause ms "
          "| live set MB | cores ours / other |")
    print("|---|---|---|---|---|---|---|---|")
    slices = []
    for i in range(10):
        lo, hi = begin + (end - begin) * i / 10, begin + (end - begin) * (i + 1) / 10
        inside = lambda g: lo <= g["up"] < hi or (i == 9 and g["up"] == hi)
        s = [g for g in during if inside(g)]
        slices.append(s)
        load = f"{cores(lo + offset, hi + offset, 2):.2f} / {cores(lo + offset, hi + offset, 1):.2f}"
        lv = ", ".join(f"{g['after']:.0f}" for g in live if inside(g))
        if s:
            a = [g["after"] for g in s]
            p = [g["pause"] for g in s]
            print(f"| {10 * i}-{10 * (i + 1)} % | {lo:.0f}-{hi:.0f} | {len(s)} | {min(a):.0f} / {statistics.median(a):.0f} "
                  f"/ {max(a):.0f} | {sum(p):.0f} | {max(p):.1f} | {lv} | {load} |")
        else:
            print(f"| {10 * i}-{10 * (i + 1)} % | {lo:.0f}-{hi:.0f} | 0 | | | | {lv} | {load} |")
    if cpu:
        other = cores(begin + offset, end + offset, 1)
        print(f"other processes used {other:.2f} cores on average during the replay")
        if other > 0.3:
            warnings.append(f"other processes used {other:.2f} of the {os.cpu_count()} cores during the replay")
    if len(live) >= 3:
        # Flat: the last live-set sample is within 20 % (at least 8 MB) of the second (the first
        # is taken while the bounded samples, e.g. the paired-latency reservoirs, still fill).
        second, last = live[1]["after"], live[-1]["after"]
        bound = max(0.2 * second, 8.0)
        flat = last <= second + bound
        n = len(live)
        mx, my = sum(g["up"] for g in live) / n, sum(g["after"] for g in live) / n
        slope = sum((g["up"] - mx) * (g["after"] - my) for g in live) / sum((g["up"] - mx) ** 2 for g in live)
        paced = records / max(1e-9, end - begin)
        print(f"\nlive set {'FLAT' if flat else 'GROWING'}: last sample {last:.1f} MB vs the second's {second:.1f} MB "
              f"(bound: +{bound:.1f} MB, i.e. 20 % or 8 MB, whichever is more); least-squares slope over the {n} samples "
              f"{slope * 100:+.2f} MB per 100 s, about {slope * 1e6 / paced:+.2f} MB per million requests")
    elif slices[1] and slices[9]:
        # No live-set samples: the heap after G1's young GCs also holds old-generation garbage until
        # a concurrent cycle and mixed GCs collect it, so this can read as growth that is not.
        second = statistics.median(g["after"] for g in slices[1])
        last = statistics.median(g["after"] for g in slices[9])
        bound = max(0.2 * second, 8.0)
        flat = last <= second + bound
        print(f"\nheap after GC {'FLAT' if flat else 'GROWING'}: last tenth's median {last:.1f} MB vs the second's "
              f"{second:.1f} MB (bound: +{bound:.1f} MB, i.e. 20 % or 8 MB, whichever is more; without live-set "
              f"samples, old-generation garbage awaiting a concurrent cycle counts too)")
    else:
        problems.append("too few GCs during the replay to judge the heap over time")
    print(f"gc-heap.csv: {os.path.join(out, 'gc-heap.csv')}")

for w in warnings:
    print(f"warning: {w}")
if problems:
    print("\nNOT COMPLETED: " + "; ".join(problems))
    sys.exit(70)
sys.exit(0 if flat else 1)
PY
