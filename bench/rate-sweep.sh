#!/usr/bin/env bash
# Rate sweep: builds the engine and bench/target/benchmarks.jar, prints the machine, then runs
# io.shadowgate.bench.RateSweep with the given arguments (see --help). Build output goes to
# stderr; stdout is the sweep's. Extra Maven flags (e.g. -o for offline) via MVN_FLAGS, extra
# JVM flags via RATE_SWEEP_JAVA_OPTS; SKIP_BUILD=1 runs the jar already in bench/target.
#
#   bench/rate-sweep.sh --repeats 3 --seconds 8
#   SKIP_BUILD=1 bench/rate-sweep.sh --rates 1000,2000 --seconds 5
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

echo "== machine"
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown)"
java -version 2>&1 | sed 's/^/java: /'
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"

jar="$here/target/benchmarks.jar"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "rate-sweep: building the engine and the benchmarks jar..." >&2
  # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
  if ! mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -DskipTests install -pl replay-engine -am >&2 \
      || ! mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -DskipTests package -pl bench >&2; then
    echo "rate-sweep: the build failed (see above); SKIP_BUILD=1 runs the last jar built, if any" >&2
    exit 70
  fi
elif [[ ! -f "$jar" ]]; then
  echo "rate-sweep: SKIP_BUILD=1 but $jar does not exist; build it first" >&2
  exit 70
fi
echo "jar: $jar ($(date -u -r "$jar" +%Y-%m-%dT%H:%M:%SZ))"
echo

# shellcheck disable=SC2086 # RATE_SWEEP_JAVA_OPTS is a list of flags
exec java ${RATE_SWEEP_JAVA_OPTS:-} -cp "$jar" io.shadowgate.bench.RateSweep "$@"
