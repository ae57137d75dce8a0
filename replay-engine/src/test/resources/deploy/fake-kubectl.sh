#!/usr/bin/env bash
# A stand-in for kubectl, for KubernetesRunScriptTest: answers deploy/kubernetes/run.sh's calls
# as a cluster would, records each call in $FAKE_DIR/calls.log and each manifest created from
# stdin in $FAKE_DIR/created-N.yaml. It knows only the calls run.sh makes.
#   FAKE_PVC=missing        the results claim does not exist
#   FAKE_SHARDS=Failed      the shard Job fails (default Complete)
#   FAKE_MERGE_EXIT=N       the merge pod's exit code (default 0)
#   FAKE_FAIL_ON=TEXT       any call containing TEXT fails with exit 1, as kubectl does
set -euo pipefail
printf '%s\n' "$*" >>"$FAKE_DIR/calls.log"
if [[ -n "${FAKE_FAIL_ON:-}" && "$*" == *"$FAKE_FAIL_ON"* ]]; then
  echo "error: the server doesn't have a resource type \"configmap\"" >&2
  exit 1
fi
if [[ "${1:-}" == --namespace ]]; then shift 2; fi
merge_exit="${FAKE_MERGE_EXIT:-0}"

case "$1 ${2:-}" in
  "get pvc")
    if [[ "${FAKE_PVC:-}" == missing ]]; then
      echo "Error from server (NotFound): persistentvolumeclaims \"$3\" not found" >&2
      exit 1
    fi ;;
  "create configmap" | "label configmap" | "wait "* | "delete "*) ;;
  "create -f")
    n=$(find "$FAKE_DIR" -name 'created-*.yaml' | wc -l)
    cat >"$FAKE_DIR/created-$((n)).yaml" ;;
  "get job")
    if [[ "$3" == shadowgate-shards-* ]]; then state="${FAKE_SHARDS:-Complete}"
    elif [[ "$merge_exit" == 0 ]]; then state=Complete
    else state=Failed; fi
    if [[ "$*" == *'.reason}'* ]]; then echo "BackoffLimitExceeded: Job has reached the specified backoff limit"
    else echo "$state "; fi ;;
  "get pods")
    if [[ "$*" == *job-completion-index* ]]; then        # run.sh's shard_states
      printf '0 shadowgate-shards-x-0-abcde Succeeded 0\n1 shadowgate-shards-x-1-fghij Failed 69\n'
    elif [[ "$*" == *'items[0]'*exitCode* ]]; then      # the merge's exit code
      echo "$merge_exit"
    else                                                # phases
      printf 'Succeeded\nFailed\n'
    fi ;;
  "logs "*) echo "merge: (the merge's output)" ;;
  "cp "*)
    mkdir -p "$3"
    echo "# Shadowgate: from the fake merge" >"$3/summary.md"
    echo "<html></html>" >"$3/index.html" ;;
  *) echo "fake kubectl: unexpected call: $*" >&2; exit 1 ;;
esac
