#!/usr/bin/env bash
# Runs one sharded Shadowgate run on Kubernetes and exits with its verdict:
#   1. puts the scenario (and any --file) in a ConfigMap of its own,
#   2. starts the shards (shards-job.yaml) with a common start instant, START_AT = now + lead,
#   3. waits until every shard pod has finished, whether the Job completed or failed,
#   4. runs the merge (merge-job.yaml) and waits for it,
#   5. copies the merged report out through a short-lived pod (fetch-pod.yaml),
#   6. exits with the merge's exit code: 0 GO, 1 NO_GO, 2 INCONCLUSIVE, 64, 65, 70.
# Its own failures are 64 (usage) and 70 (cluster, kubectl): never 0, 1 or 2.
#
#   run.sh --image IMAGE [--shards N] [options] SCENARIO
#   run.sh --render --image IMAGE [--shards N] [--run-id ID] [--start-at MS] SCENARIO
#
# --render prints the three rendered manifests and touches no cluster (the tests use it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

usage() {
  cat <<'EOF'
usage: run.sh --image IMAGE [options] SCENARIO

  --image IMAGE        the Shadowgate image (deploy/kubernetes/Dockerfile), by digest ideally;
                       or set SHADOWGATE_IMAGE
  --shards N           number of shards, each on a node of its own (default 4)
  --namespace NS       namespace for everything (default: the kubectl context's)
  --claim NAME         ReadWriteMany results claim (default shadowgate-results, results-pvc.yaml)
  --lead SECONDS       time from now to the common start, long enough to schedule every pod,
                       pull the image and start the JVMs (default 120)
  --deadline SECONDS   the shard Job is failed after this long, lead included (default 3600)
  --cpu CPU            each shard's CPU, requested and limited alike (default 2)
  --memory QUANTITY    each shard's memory, requested and limited alike (default 2Gi)
  --file PATH          another file for /scenario/ beside scenario.yaml, e.g. the traffic file
                       the scenario names (repeatable; everything together under 1 MiB)
  --out DIR            where the merged report is copied (default reports/kubernetes/RUN_ID)
  --run-id ID          name of this run (default: UTC time and a random suffix)
  --start-at MS        the common start in epoch milliseconds, instead of now + lead
  --render             print the rendered manifests and exit, without kubectl
EOF
}

die_usage() { echo "run.sh: $*" >&2; echo "run.sh: see run.sh --help" >&2; exit 64; }
die() { echo "run.sh: $*" >&2; exit 70; }
log() { echo "run.sh: $*" >&2; }

image="${SHADOWGATE_IMAGE:-}" shards=4 namespace="" claim=shadowgate-results lead=120
deadline=3600 cpu=2 memory=2Gi out="" run_id="" start_at="" render=false scenario=""
files=()

need_value() { [[ $# -ge 2 ]] || die_usage "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --image) need_value "$@"; image="$2"; shift 2 ;;
    --shards) need_value "$@"; shards="$2"; shift 2 ;;
    --namespace|-n) need_value "$@"; namespace="$2"; shift 2 ;;
    --claim) need_value "$@"; claim="$2"; shift 2 ;;
    --lead) need_value "$@"; lead="$2"; shift 2 ;;
    --deadline) need_value "$@"; deadline="$2"; shift 2 ;;
    --cpu) need_value "$@"; cpu="$2"; shift 2 ;;
    --memory) need_value "$@"; memory="$2"; shift 2 ;;
    --file) need_value "$@"; files+=("$2"); shift 2 ;;
    --out) need_value "$@"; out="$2"; shift 2 ;;
    --run-id) need_value "$@"; run_id="$2"; shift 2 ;;
    --start-at) need_value "$@"; start_at="$2"; shift 2 ;;
    --render) render=true; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die_usage "unknown option $1" ;;
    *) [[ -z "$scenario" ]] || die_usage "one scenario only, got $scenario and $1"; scenario="$1"; shift ;;
  esac
done

# Every value that goes into a manifest is checked here, so none can break the YAML around it.
dns_label='^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'
[[ -n "$scenario" ]] || die_usage "no SCENARIO given"
[[ -f "$scenario" ]] || die_usage "scenario $scenario: no such file"
[[ -n "$image" ]] || die_usage "no --image given (or SHADOWGATE_IMAGE)"
[[ "$image" =~ ^[A-Za-z0-9][A-Za-z0-9._/:@-]*$ ]] || die_usage "--image $image: not an image reference"
[[ "$shards" =~ ^[1-9][0-9]{0,3}$ ]] || die_usage "--shards must be a whole number from 1 to 9999, was $shards"
[[ "$lead" =~ ^[0-9]{1,5}$ ]] || die_usage "--lead must be whole seconds, was $lead"
[[ "$deadline" =~ ^[1-9][0-9]{0,6}$ ]] || die_usage "--deadline must be whole seconds, was $deadline"
(( deadline > lead )) || die_usage "--deadline ($deadline s) must be longer than --lead ($lead s)"
[[ "$cpu" =~ ^([1-9][0-9]*|[0-9]+\.[0-9]+|[1-9][0-9]*m)$ ]] || die_usage "--cpu must be like 2, 1.5 or 1500m, was $cpu"
[[ "$memory" =~ ^[1-9][0-9]*(Ki|Mi|Gi|Ti)$ ]] || die_usage "--memory must be like 2Gi or 1536Mi, was $memory"
[[ "$claim" =~ $dns_label ]] || die_usage "--claim must be a DNS label, was $claim"
[[ -z "$namespace" || "$namespace" =~ $dns_label ]] || die_usage "--namespace must be a DNS label, was $namespace"
if [[ -z "$run_id" ]]; then
  run_id="$(date -u +%Y%m%d-%H%M%S)-$(printf '%04x' "$RANDOM")"
fi
# 63 characters at most in a label value; 20 leaves room in every object name.
[[ ${#run_id} -le 20 && "$run_id" =~ $dns_label ]] \
  || die_usage "--run-id must be lower-case letters, digits and '-', at most 20, was $run_id"
[[ -z "$start_at" || "$start_at" =~ ^[1-9][0-9]{9,13}$ ]] || die_usage "--start-at must be epoch milliseconds, was $start_at"
for f in ${files[@]+"${files[@]}"}; do
  [[ -f "$f" ]] || die_usage "--file $f: no such file"
  base="$(basename "$f")"
  [[ "$base" =~ ^[-._a-zA-Z0-9]+$ && "$base" != scenario.yaml ]] || die_usage "--file $f: name not usable in a ConfigMap"
done

# START_AT is a wall-clock instant: every node compares it with its own clock (keep them in
# NTP sync), and it is computed with this machine's clock, which the lead must also cover.
compute_start_at() {
  if [[ -z "$start_at" ]]; then
    start_at=$(( ($(date +%s) + lead) * 1000 ))
  fi
}

# The manifests' ${NAME} placeholders, filled in; any left over is an error. (Quoted pattern and
# replacement: literal text, and no '&' expansion in bash 5.2.)
fill() { local placeholder="\${$1}"; text=${text//"$placeholder"/"$2"}; }   # in render's text
render() {
  local text
  text="$(<"$here/$1")"
  fill RUN_ID "$run_id"
  fill SHARDS "$shards"
  fill START_AT "$start_at"
  fill IMAGE "$image"
  fill CLAIM "$claim"
  fill CPU "$cpu"
  fill MEMORY "$memory"
  fill DEADLINE_SECONDS "$deadline"
  if [[ "$text" =~ \$\{[A-Z_]+\} ]]; then
    die "$1: a placeholder run.sh does not know: ${BASH_REMATCH[0]}"
  fi
  printf '%s\n' "$text"
}

if $render; then
  compute_start_at
  render shards-job.yaml
  echo "---"
  render merge-job.yaml
  echo "---"
  render fetch-pod.yaml
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# From here on, a cluster.

[[ -n "$out" ]] || out="$repo/reports/kubernetes/$run_id"
[[ ! -e "$out" ]] || die_usage "--out $out already exists: name a new directory"

command -v "${KUBECTL:-kubectl}" >/dev/null || die "kubectl not found (or set KUBECTL)"
kc() {
  if [[ -n "$namespace" ]]; then "${KUBECTL:-kubectl}" --namespace "$namespace" "$@"
  else "${KUBECTL:-kubectl}" "$@"; fi
}
shards_job="shadowgate-shards-$run_id"
merge_job="shadowgate-merge-$run_id"
fetch_pod="shadowgate-fetch-$run_id"
configmap="shadowgate-scenario-$run_id"

finished=false job_state=""
cleanup() {
  local rc=$?
  kc delete pod "$fetch_pod" --ignore-not-found --wait=false >/dev/null 2>&1 || true
  if ! $finished; then
    # Interrupted, or failed half-way: stop whatever of this run still runs. A shard that is
    # stopped writes what it has, marked partial; nothing merges it.
    log "stopping run $run_id"
    kc delete job "$shards_job" "$merge_job" --ignore-not-found --wait=false >/dev/null 2>&1 || true
  fi
  kc delete configmap "$configmap" --ignore-not-found --wait=false >/dev/null 2>&1 || true
  # Anything that stopped this script before the merge's code was known (a kubectl call that
  # failed, say) must not look like a verdict.
  if ! $finished && (( rc < 3 )); then exit 70; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_s() { date +%s; }
pause() { sleep "$1" & wait $!; }   # in the background, so that Ctrl-C or a TERM acts at once

# Sets job_state to Complete or Failed once the Job has one of those conditions; fails after $2
# seconds. (Not in a $(...) subshell: this script's traps must act while it waits.)
wait_for_job() {
  local name="$1" until=$(( $(now_s) + $2 )) conditions
  while (( $(now_s) < until )); do
    # A failed call (an API server blip) is just asked again.
    conditions=" $(kc get job "$name" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}' || true) "
    case "$conditions" in
      *" Complete "*) job_state=Complete; return 0 ;;
      *" Failed "*) job_state=Failed; return 0 ;;
    esac
    pause 5
  done
  return 1
}

# Waits until no pod of the Job is Pending or Running: a failed Job's other pods are being
# stopped, and the merge must not read a shard that is still writing.
wait_for_pods_to_end() {
  local name="$1" until=$(( $(now_s) + $2 )) phases
  while (( $(now_s) < until )); do
    if phases="$(kc get pods -l "job-name=$name" -o jsonpath='{range .items[*]}{.status.phase}{"\n"}{end}')" \
        && ! grep -qE '^(Pending|Running)$' <<<"$phases"; then
      return 0
    fi
    pause 5
  done
  return 1
}

# Index, pod, phase, then exit code or why it is waiting, for each shard pod, one line each
# (nothing if the call fails).
shard_states() {
  { kc get pods -l "job-name=$shards_job" -o jsonpath='{range .items[*]}{.metadata.annotations.batch\.kubernetes\.io/job-completion-index}{" "}{.metadata.name}{" "}{.status.phase}{" "}{.status.containerStatuses[0].state.terminated.exitCode}{.status.containerStatuses[0].state.waiting.reason}{.status.conditions[?(@.type=="PodScheduled")].reason}{"\n"}{end}' || true; } \
    | sort -n
}

kc get pvc "$claim" >/dev/null || die "no PersistentVolumeClaim $claim${namespace:+ in namespace $namespace}: apply results-pvc.yaml first (or --claim NAME)"

total=$(( $(wc -c <"$scenario") ))
for f in ${files[@]+"${files[@]}"}; do total=$(( total + $(wc -c <"$f") )); done
(( total < 1000000 )) || die "the scenario and its files are $total bytes, over a ConfigMap's 1 MiB: put the traffic on a volume (README, 'Sharded runs on Kubernetes')"

from_files=(--from-file="scenario.yaml=$scenario")
for f in ${files[@]+"${files[@]}"}; do from_files+=(--from-file="$f"); done
kc create configmap "$configmap" "${from_files[@]}" >/dev/null || die "could not create ConfigMap $configmap"
kc label configmap "$configmap" app.kubernetes.io/name=shadowgate app.kubernetes.io/instance="$run_id" >/dev/null

compute_start_at
render shards-job.yaml | kc create -f - >/dev/null || die "could not create Job $shards_job"
log "run $run_id: $shards shards start at $start_at ($(date -u -d "@$(( start_at / 1000 ))" +%H:%M:%SZ 2>/dev/null || echo "epoch ms")), in $(( start_at / 1000 - $(now_s) )) s"

# Before the start: has every shard a node and a running container? One that starts late
# replays late, and a Pending one may never start (anti-affinity needs N nodes).
while (( $(now_s) < start_at / 1000 )); do
  running="$(shard_states | awk '$3 == "Running"' | wc -l | tr -d ' ')"
  [[ "$running" == "$shards" ]] && { log "all $shards shards running"; break; }
  pause 5
done
pause $(( start_at / 1000 - $(now_s) > 0 ? start_at / 1000 - $(now_s) : 0 ))
late="$(shard_states | awk '$3 == "Pending"' || true)"
if [[ -n "$late" ]]; then
  log "WARNING: at the start time these shards had not started (index, pod, phase, reason):"
  printf '  %s\n' "$late" >&2
  log "they will replay late or not at all; the merge will show it (or the deadline will fail the Job)"
fi

log "waiting for the shards (at most $deadline s from their start)"
wait_for_job "$shards_job" $(( deadline + 120 )) || die "the shard Job did not finish within its deadline"
wait_for_pods_to_end "$shards_job" 300 || die "shard pods still running 300 s after the Job ended ($job_state)"
if [[ "$job_state" == Failed ]]; then
  log "the shard Job failed: $(kc get job "$shards_job" -o jsonpath='{range .status.conditions[?(@.type=="Failed")]}{.reason}: {.message}{end}')"
fi
log "shards (index, pod, phase, exit code):"
shard_states | sed 's/^/  /' >&2

render merge-job.yaml | kc create -f - >/dev/null || die "could not create Job $merge_job"
log "merging"
wait_for_job "$merge_job" 1900 || die "the merge Job did not finish"
wait_for_pods_to_end "$merge_job" 120 || true
kc logs "job/$merge_job" >&2 || true
code="$(kc get pods -l "job-name=$merge_job" -o jsonpath='{.items[0].status.containerStatuses[0].state.terminated.exitCode}' || true)"
[[ "$code" =~ ^[0-9]+$ ]] || die "the merge pod has no exit code (see kubectl describe job $merge_job)"

render fetch-pod.yaml | kc create -f - >/dev/null || die "could not create pod $fetch_pod"
if kc wait --for=condition=Ready "pod/$fetch_pod" --timeout=300s >/dev/null; then
  mkdir -p "$(dirname "$out")"
  if kc cp "$fetch_pod:/results/$run_id/merged" "$out" >/dev/null; then
    log "merged report: $out/index.html"
    [[ -f "$out/summary.md" ]] && sed -n '1,3p' "$out/summary.md" >&2
  else
    log "WARNING: could not copy /results/$run_id/merged (the merge wrote no report?)"
  fi
else
  log "WARNING: the fetch pod did not start; the report stays on $claim under /results/$run_id/merged"
fi

finished=true
case "$code" in
  0) log "verdict: GO (exit 0)" ;;
  1) log "verdict: NO_GO (exit 1)" ;;
  2) log "verdict: INCONCLUSIVE (exit 2)" ;;
  *) log "the merge failed with exit $code" ;;
esac
exit "$code"
