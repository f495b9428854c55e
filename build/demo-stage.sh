# Sourced by the demo stages that build/demo.sh calls (demo-gate.sh, demo-admission.sh): the shared preamble.
# Before sourcing, set `stage` to the stage's name (used in failure messages). Provides root, demo, nupkg, sidecar,
# the cilock command line `cli` (array), `fail MESSAGE` and `run_expect EXPECTED LOG COMMAND…`.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo="$root/artifacts/demo"

fail() { echo "$stage: FAILED: $*" >&2; exit 1; }
for v in CILOCK_DEMO_NUPKG CILOCK_DEMO_CLI CILOCK_DEMO_PUB; do
  [[ -n "${!v:-}" ]] || fail "$v is not set; run build/demo.sh (it packs the sample and then calls this script)"
done
nupkg="$CILOCK_DEMO_NUPKG"
sidecar="$nupkg.intoto.jsonl"
[[ -f "$nupkg" ]] || fail "package $nupkg not found"
[[ -f "$sidecar" ]] || fail "evidence sidecar $sidecar not found (the SDK writes it on dotnet pack)"
read -r -a cli <<< "$CILOCK_DEMO_CLI"

# run_expect EXPECTED LOG COMMAND…: runs COMMAND, prints its output indented and checks the exit code
# (EXPECTED is a number, or "nonzero").
run_expect() {
  local expect="$1" log="$2"; shift 2
  set +e; "$@" >"$log" 2>&1; local code=$?; set -e
  sed 's/^/    | /' "$log"
  if [[ "$expect" == "nonzero" ]]; then [[ "$code" != 0 ]] || fail "'$*' succeeded but must fail (log: $log)"
  else [[ "$code" == "$expect" ]] || fail "'$*' exited $code, expected $expect (log: $log)"; fi
}
