#!/usr/bin/env bash
# Shadowgate side by side with wrk against the same loopback nginx (one worker, a ~300-byte
# JSON answer), issue #8. Installs wrk and nginx from Debian packages when missing (needs
# root), starts nginx itself and stops it by its pid however the script ends, then:
#   1. throughput at saturation: wrk (with one thread and with two) and Shadowgate alternately,
#      RUNS times each (7 by default), with the same connections; each run, the medians, and the
#      ratio against wrk's better thread count (on two cores with nginx beside it, one wrk thread
#      does ~50 % more than two: the reference is wrk at its best, not at its default), and the
#      median of each run's own ratio with a 95 % interval that decides whether wrk is reached;
#   2. timing fidelity: the rate sweep (io.shadowgate.bench.RateSweep --target nginx) at fixed
#      paired rates (FIDELITY_RATES, 5,000 and 20,000 by default), after a warm-up like the
#      CLI's, FIDELITY_REPEATS passes in alternating order; achieved rate, lateness p99 / p99.9,
#      the candidate's latency from the intended start next to its service time, each against
#      the issue's bound;
#   3. one table of the medians and ratios.
# Beside each throughput run it prints how busy nginx's worker was (CPU seconds per second, from
# /proc) and its CPU per request, and the client's: wrk's whole process, Shadowgate's event
# loop thread. A run that keeps nginx about 100 % busy has found nginx's ceiling, not its own.
# Each round also runs Netty alone (io.shadowgate.bench.TransportFloor --mode codec: one event
# loop, closed loop as wrk is, Netty's HTTP codec and the replayer's request building, nothing
# else) with the same connections, so the gap to wrk splits into what the transport and codec
# cost and what Shadowgate adds on top (FLOOR=0 leaves it out).
#
#   bench/wrk-compare.sh                       # 7 alternating runs of 15 s, 64 connections; fidelity 3 x 10 s
#   RUNS=5 SECONDS_PER_RUN=8 CONNECTIONS=64 RATE=150000 SKIP_BUILD=1 bench/wrk-compare.sh
#   SKIP_FIDELITY=1 bench/wrk-compare.sh       # throughput only
#   COMPARE=true bench/wrk-compare.sh          # Shadowgate also compares every response pair (default: false)
#
# Shadowgate is open loop: it is offered RATE requests/s (each to both targets, both nginx, so
# twice RATE exchanges a second), above what it can send (check: if it delivers about 2 x RATE,
# it was not saturated and RATE must go up; 85,000 was enough until a machine where wrk drives
# 227,000 requests/s, on which Shadowgate delivered all 170,000 it was offered), and its delivered rate is every 2xx at both targets over the span in
# which responses arrived (from its per-second series). wrk's is its "Requests/sec". Both use
# CONNECTIONS connections in all (Shadowgate: half per target). The request timeout is 60 s so
# that, within a run, nothing in the backlog an over-offered open loop builds times out: a
# timed-out request is not a delivered one, and what is measured here is how fast requests go
# out, not how long the backlog is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
runs="${RUNS:-7}"
seconds="${SECONDS_PER_RUN:-15}"
connections="${CONNECTIONS:-64}"
rate="${RATE:-150000}"
port="${PORT:-18080}"
compare="${COMPARE:-false}"
fidelity_rates="${FIDELITY_RATES:-5000,20000}"
fidelity_repeats="${FIDELITY_REPEATS:-3}"
fidelity_seconds="${FIDELITY_SECONDS:-10}"
for setting in RUNS:"$runs" SECONDS_PER_RUN:"$seconds" CONNECTIONS:"$connections" RATE:"$rate"; do
  if ! [[ "${setting#*:}" =~ ^[1-9][0-9]*$ ]]; then
    echo "wrk-compare: ${setting%%:*} must be a whole number of at least 1 (got '${setting#*:}')" >&2
    exit 64
  fi
done

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need nginx; then
  if [[ $(id -u) -ne 0 ]] || ! need apt-get; then
    echo "wrk-compare: needs wrk and nginx (apt-get install wrk nginx), and cannot install them here" >&2
    exit 69
  fi
  echo "wrk-compare: installing wrk and nginx..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx >&2
fi
need python3 || { echo "wrk-compare: needs python3 to read verdict.json" >&2; exit 69; }

jar="$root/replay-engine/target/shadowgate.jar"
bench_jar="$root/bench/target/benchmarks.jar"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "wrk-compare: building the engine and the benchmarks jar..." >&2
  # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
  mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -DskipTests install -pl replay-engine -am >&2
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -DskipTests package -pl bench >&2
fi
for f in "$jar" "$bench_jar"; do
  [[ -f "$f" ]] || { echo "wrk-compare: $f does not exist; build it first" >&2; exit 70; }
done

work="$(mktemp -d)"
# shellcheck source=bench/nginx-target.sh
source "$here/nginx-target.sh"
cleanup() {
  nginx_target_stop
  rm -rf "$work"
}
trap cleanup EXIT
nginx_target_start "$work/nginx" "$port" || exit 69
nginx_workers=""
for _ in $(seq 20); do
  nginx_workers=$(pgrep -P "$NGINX_PID" || true)
  [[ -n "$nginx_workers" ]] && break
  sleep 0.1
done
clock_ticks=$(getconf CLK_TCK)
# CPU ticks nginx's workers have used so far (user + system).
nginx_ticks() {
  local total=0 w
  for w in $nginx_workers; do total=$((total + $(awk '{print $14 + $15}' "/proc/$w/stat"))); done
  echo "$total"
}

cat > "$work/saturate.yaml" <<YAML
name: wrk-compare
targets:
  baseline: {url: "http://127.0.0.1:$port"}
  candidate: {url: "http://127.0.0.1:$port"}
connections: {maxPerTarget: $((connections / 2)), warmup: $((connections / 2))}
timeouts: {request: 60s}
compare: {enabled: $compare}
traffic:
  synth: {duration: ${seconds}s, rate: $rate, arrivals: constant, requests: [{path: /v1/predict}]}
gates:
  latency: {p50: {maxIncrease: 50%}}
YAML

# Prints two rates: over the whole span in which responses arrived, and over the same span
# without its first STEADY_AFTER seconds (default 2), in which the run's JIT is still compiling
# what only the real target exercises (bench/README.md, "Why the first seconds were slow"):
# wrk, in C, has none.
delivered() {
  python3 - "$1" "${STEADY_AFTER:-2}" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
skip = float(sys.argv[2]) * 1000
buckets = {}
for t in d["targets"]:
    for p in t["series"]:
        if p["responses"] > 0:
            b = buckets.setdefault(p["startMillis"], [p["endMillis"], 0])
            b[1] += p["responses"]
starts = sorted(buckets)
first, last = starts[0], max(b[0] for b in buckets.values())
total = sum(t["counts"]["status2xx"] for t in d["targets"])
steady = [s for s in starts if s >= first + skip]
steady_rate = sum(buckets[s][1] for s in steady) / ((last - steady[0]) / 1000.0) if steady else 0
# Every request accounted for: each target's outcomes add up to what it was scheduled, all 2xx.
scheduled = sum(t["counts"]["scheduled"] for t in d["targets"])
accounted = "all" if total == scheduled and all(t["counts"]["addsUp"] for t in d["targets"]) else "NOT-ALL"
# The run's own schedule check: at saturation it should find itself behind, held back by its loop.
pace = d.get("pace") or {}
check = f"{pace.get('behind', '-')}:{pace.get('loopBusy', -1):.2f}"
print(round(total / ((last - first) / 1000.0)), round(steady_rate), total, (last - first) / 1000.0, f"{accounted}:{total}/{scheduled}",
      check)
PY
}

echo "== machine: nproc $(nproc), $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(java -version 2>&1 | head -1)"
echo "== $(wrk --version 2>&1 | head -1); $(nginx -v 2>&1); $runs alternating runs of ${seconds} s, $connections connections"
echo "| run | wrk -t1 req/s | wrk -t2 req/s | shadowgate req/s delivered (both targets), whole run | after the first ${STEADY_AFTER:-2} s | ratio to the better wrk, whole / after | nginx busy, wrk -t1 / shadowgate | nginx µs CPU a request, wrk -t1 / shadowgate | client µs CPU a request: wrk -t1 / shadowgate's event loop | shadowgate: 2xx / scheduled, both targets | shadowgate's own schedule check: behind, held back by (its loop's CPU share) | Netty alone: req/s (its loop busy, µs a request) | shadowgate / Netty alone |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
wrk1_all=(); wrk2_all=(); ours_all=(); steady_all=(); busy_w_all=(); busy_o_all=(); per_w_all=(); per_o_all=(); wrk_cpu_all=(); loop_cpu_all=(); run_ratio_all=(); floor_all=(); floor_ratio_all=()
# Runs Netty alone (TransportFloor) for as long as wrk runs; prints its requests/s, its loop's busy share and µs a request.
floor_run() {
  if [[ "${FLOOR:-1}" == 0 ]]; then
    echo "- - -"
    return
  fi
  java -cp "$bench_jar" io.shadowgate.bench.TransportFloor --target "http://127.0.0.1:$port/v1/predict" --mode codec \
    --connections "$connections" --seconds "$seconds" | awk '{printf "%d %.2f %.2f\n", $4, $5, $6}'
}
# Prints the CPU ticks of the busiest client event loop thread of the JVM $1 once it has ended,
# polled from /proc: the run's own loop (the warm-up's are shorter-lived), so its CPU a request.
loop_ticks() {
  python3 - "$1" <<'PY'
import glob, os, sys, time
pid, seen = sys.argv[1], {}
while os.path.exists(f"/proc/{pid}/task"):
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            if open(task + "/comm").read().startswith("shadowgate-clie"):
                stat = open(task + "/stat").read()
                fields = stat[stat.rindex(")") + 2:].split()
                seen[task] = int(fields[11]) + int(fields[12])
        except OSError:
            pass
    time.sleep(0.2)
print(max(seen.values(), default=0))
PY
}
# Runs wrk with $1 threads; prints its requests/s, nginx's busy share, nginx's and wrk's µs of CPU a request.
wrk_run() {
  local before after out
  before=$(nginx_ticks)
  out=$( { TIMEFORMAT='cpu %U %S'; time wrk -t"$1" -c"$connections" -d"${seconds}s" "http://127.0.0.1:$port/v1/predict"; } 2>&1 )
  after=$(nginx_ticks)
  awk -v ticks=$((after - before)) -v hz="$clock_ticks" -v secs="$seconds" '
    /Requests\/sec/ {rate = int($2)}
    / requests in / {n = $1}
    /^cpu / {cpu = $2 + $3}
    END {printf "%d %.2f %.2f %.2f\n", rate, ticks / hz / secs, ticks / hz / n * 1e6, cpu / n * 1e6}' <<<"$out"
}
for run in $(seq "$runs"); do
  read -r w1 busy_w per_w wrk_cpu < <(wrk_run 1)
  read -r fl fl_busy fl_us < <(floor_run)
  before=$(nginx_ticks)
  java -jar "$jar" run "$work/saturate.yaml" --out "$work/run-$run" --quiet --window 0 >/dev/null 2>"$work/run-$run.err" &
  java_pid=$!
  loop_ticks "$java_pid" > "$work/run-$run.loop" &
  sampler_pid=$!
  wait "$java_pid" || true
  wait "$sampler_pid" || true
  after=$(nginx_ticks)
  read -r o st total span accounted check < <(delivered "$work/run-$run/verdict.json")
  # Warm-up traffic goes to a simulated server: nginx only serves the measured run.
  loop=$(cat "$work/run-$run.loop" 2>/dev/null || true)
  read -r busy_o per_o per_loop < <(python3 -c "t = ($after - $before) / $clock_ticks; print(f'{t / $span:.2f} {t / $total * 1e6:.2f} {${loop:-0} / $clock_ticks / $total * 1e6:.2f}')")
  read -r w2 _ < <(wrk_run 2)
  wrk1_all+=("$w1"); wrk2_all+=("$w2"); ours_all+=("$o"); steady_all+=("$st")
  busy_w_all+=("$busy_w"); busy_o_all+=("$busy_o"); per_w_all+=("$per_w"); per_o_all+=("$per_o"); wrk_cpu_all+=("$wrk_cpu"); loop_cpu_all+=("$per_loop")
  best=$(( w1 > w2 ? w1 : w2 ))
  run_ratio_all+=("$(python3 -c "print(f'{$o/$best:.3f}')")")
  floor_ratio="-"
  if [[ "$fl" != - ]]; then
    floor_all+=("$fl")
    floor_ratio=$(python3 -c "print(f'{$o/$fl:.3f}')")
    floor_ratio_all+=("$floor_ratio")
  fi
  echo "| $run | $w1 | $w2 | $o | $st | $(python3 -c "print(f'{$o/$best:.2f} / {$st/$best:.2f}')") | $busy_w / $busy_o | $per_w / $per_o | $wrk_cpu / $per_loop | ${accounted#*:} (${accounted%%:*}) | ${check%%:*} (${check#*:}) | $fl ($fl_busy, $fl_us) | $floor_ratio |"
  if [[ "${accounted%%:*}" != all ]]; then
    echo "wrk-compare: run $run did not answer every scheduled request with a 2xx (see $work/run-$run/verdict.json): its rate is not a saturation rate" >&2
  fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mw1=$(median "${wrk1_all[@]}"); mw2=$(median "${wrk2_all[@]}"); mo=$(median "${ours_all[@]}"); ms=$(median "${steady_all[@]}")
mw=$(python3 -c "print(max($mw1, $mw2))")
wrk_threads=$(python3 -c "print('-t1' if $mw1 >= $mw2 else '-t2')")
ratio=$(python3 -c "print(f'{$mo/$mw:.2f}')")
ratio2=$(python3 -c "print(f'{$mo/min($mw1, $mw2):.2f}')")
ratio_steady=$(python3 -c "print(f'{$ms/$mw:.2f}')")
echo "| median | $mw1 | $mw2 | $mo | $ms | $ratio / $ratio_steady (to wrk $wrk_threads; whole run $ratio2 to the other) | $(median "${busy_w_all[@]}") / $(median "${busy_o_all[@]}") | $(median "${per_w_all[@]}") / $(median "${per_o_all[@]}") | $(median "${wrk_cpu_all[@]}") / $(median "${loop_cpu_all[@]}") | | |"
# Whether Shadowgate reaches wrk, said with its confidence: the median of each run's own ratio
# and a distribution-free interval for it (order statistics of the runs' ratios, binomial
# coverage, at least 95 % from six runs on). Single runs move by 20 % with the machine's slow
# states (bench/README.md, "Two speeds"), so a median of three says little. The decision is read
# off the interval as a verdict's is: reached when all of it is at or above 1, missed when all
# of it is below, else (or with fewer than six runs) not decided. Each ratio is a run against
# the wrk runs of its own round (-t1 just before it, -t2 just after), which takes out the slow
# drifts; the rounds are taken as exchangeable.
ratio_ci() {
  python3 - "$@" <<'EOF'
import math, sys
r = sorted(float(x) for x in sys.argv[1:])
n = len(r)
median = r[n // 2] if n % 2 else (r[n // 2 - 1] + r[n // 2]) / 2
below = lambda j: sum(math.comb(n, i) for i in range(j + 1)) / 2 ** n  # P(Binomial(n, 1/2) <= j)
k = 1  # the interval is [r(k), r(n+1-k)], 1-based; it misses the median with probability 2 below(k-1)
while k < n // 2 and below(k) <= 0.025:
    k += 1
lo, hi, coverage = r[k - 1], r[n - k], 1 - 2 * below(k - 1)
if coverage < 0.95:
    decision = "not decided (too few runs for 95 %: RUNS=6 or more)"
else:
    decision = "reached" if lo >= 1 else "missed" if hi < 1 else "not decided (the interval holds 1; more RUNS narrow it)"
print(f"{median:.3f} [{lo:.3f}, {hi:.3f}], {coverage * 100:.1f} % confidence over {n} runs: {decision}")
EOF
}
run_ratio=$(ratio_ci "${run_ratio_all[@]}")
echo
echo "each run's own ratio to wrk, median and interval: $run_ratio"
if (( ${#floor_all[@]} > 0 )); then
  echo "Netty alone (closed loop, its HTTP codec, one event loop): median $(median "${floor_all[@]}") req/s, $(python3 -c "print(f'{$(median "${floor_all[@]}")/$mw:.3f}')") of wrk $wrk_threads; shadowgate against it, each run's own ratio: $(ratio_ci "${floor_ratio_all[@]}")"
fi
if python3 -c "import sys; sys.exit(0 if $mo > 1.9 * $rate else 1)"; then
  echo "wrk-compare: Shadowgate delivered about all it was offered ($((2 * rate))/s): not saturated, raise RATE" >&2
fi

if [[ "${SKIP_FIDELITY:-}" == 1 ]]; then
  exit 0
fi
echo
echo "== timing fidelity: RateSweep against the same nginx, paired rates $fidelity_rates, $fidelity_repeats passes of ${fidelity_seconds} s"
pids="$NGINX_PID"
for child in $(pgrep -P "$NGINX_PID" || true); do pids="$pids,$child"; done
# The sweep warms up as `shadowgate run` does before a run above 5,000 requests/s: at 20,000
# requests/s (10,000 paired) for up to 6 s. With the sweep's own default (3 s at 2,000 paired/s)
# the JIT was still at work in the first measured passes, which a run of the CLI never sees: at
# 20,000 paired/s, lateness p99 0.949 and 0.764 ms (medians of 3, two invocations) against 0.486
# and 0.251 with this warm-up (bench/README.md).
java -cp "$bench_jar" io.shadowgate.bench.RateSweep --target "http://127.0.0.1:$port" --target-pids "$pids" \
  --rates "$fidelity_rates" --repeats "$fidelity_repeats" --seconds "$fidelity_seconds" --max-connections "$((connections / 2))" \
  --warmup-seconds 6 --warmup-rate 10000 --budget-seconds 600 | tee "$work/sweep.txt"

echo
echo "== summary (medians; bounds from issue #8)"
echo "| measure | wrk | shadowgate | ratio or bound |"
echo "|---|---|---|---|"
echo "| requests/s at saturation, $connections connections, whole run | $mw (wrk $wrk_threads) | $mo | $ratio (target >= 1) |"
echo "| the same after the first ${STEADY_AFTER:-2} s | $mw (wrk $wrk_threads) | $ms | $ratio_steady (target >= 1) |"
echo "| median of each run's own ratio, whole run (wrk beside it: less of the machine's drift) | | | $run_ratio (target >= 1) |"
echo "| client µs CPU a request (shadowgate: its event loop) | $(median "${wrk_cpu_all[@]}") (wrk -t1) | $(median "${loop_cpu_all[@]}") | |"
echo "| nginx busy (CPU s per s) / its µs CPU a request | $(median "${busy_w_all[@]}") / $(median "${per_w_all[@]}") (wrk -t1) | $(median "${busy_o_all[@]}") / $(median "${per_o_all[@]}") | |"
python3 - "$work/sweep.txt" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
# the first medians table (all runs): rows after its header, until a blank line
start = next(i for i, l in enumerate(lines) if l.startswith("medians per rate"))
for line in lines[start + 2:]:
    f = line.split()
    if not f or not f[0].isdigit() or len(f) < 9:
        break
    rate, achieved = int(f[1]), float(f[2])
    late99, late999, lat99, svc99 = (float(x) for x in (f[4], f[5], f[6], f[7]))
    off = abs(achieved - rate) / rate * 100
    ok = lambda c: "ok" if c else "MISSED"
    print(f"| {rate} paired/s: achieved | | {achieved:.0f}/s | {off:.2f} % off ({ok(off <= 1)}, bound 1 %) |")
    print(f"| {rate} paired/s: lateness p99 / p99.9 | | {late99:.3f} / {late999:.3f} ms | {ok(late99 <= 1)} / {ok(late999 <= 5)} (bounds 1 / 5 ms) |")
    print(f"| {rate} paired/s: candidate p99 from intended / service | | {lat99:.3f} / {svc99:.3f} ms | |")
PY
