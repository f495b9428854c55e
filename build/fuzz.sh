#!/usr/bin/env bash
# Fuzzes our parsers:  ./build/fuzz.sh [--engine afl|mutate] TARGET|all|list [SECONDS]
#
# Engine afl (default): coverage-guided. AFL++'s afl-fuzz (apt-get install afl++) drives SharpFuzz-instrumented
#   copies of OUR assemblies (Cilock.Attestation/Policy/Rego/Secrets/Reports/Sigstore; not the BCL, not packages) in
#   a persistent loop, seeded from tests/Fuzz/corpus/TARGET + tests/Fuzz/regressions/TARGET, with the token
#   dictionary tests/Fuzz/dictionaries/TARGET.dict. Per-input time limit (afl -t): 5 s, rego 10 s. Output in
#   artifacts/fuzz/TARGET: afl/ (afl's own queue, crashes, hangs, fuzzer_stats), findings/ (each crash/hang + its
#   replay), afl.log. The summary line reports executions, execs/s, corpus (queue) size, edges and findings.
# Engine mutate: our own coverage-less mutation fuzzer, in a child process (stack overflows, aborts and hangs of
#   30 s are caught); findings in artifacts/fuzz/TARGET/findings, new inputs in artifacts/fuzz/TARGET/corpus.
# A finding is any exception other than our documented coded errors, a stack overflow, or a hang.
# TARGET all runs every target, FUZZ_JOBS (default 1, at most 2 on a shared machine) at a time, under nice.
# Exit 0 = no findings, 1 = findings, 2 = usage, 3 = afl-fuzz not installed. See docs/hardening.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
engine=afl
if [ "${1:-}" = "--engine" ]; then engine="${2:-}"; shift 2; fi
case "$engine" in afl|mutate) ;; *) echo "usage: build/fuzz.sh [--engine afl|mutate] TARGET|all|list [SECONDS]" >&2; exit 2 ;; esac
target="${1:-}"
seconds="${2:-30}"
configuration="${FUZZ_CONFIGURATION:-Release}"
dll="tests/Cilock.Fuzz/bin/$configuration/net10.0/cilock-fuzz.dll"
if [ -z "${FUZZ_NO_BUILD:-}" ] || [ ! -f "$dll" ]; then
  dotnet build tests/Cilock.Fuzz -c "$configuration" -nologo -v:q >/dev/null
fi
if [ -z "$target" ] || [ "$target" = "list" ]; then
  dotnet "$dll" list
  [ -n "$target" ]; exit $?
fi
if [ "$engine" = "afl" ] && [ -z "${AFL_FUZZ:-}" ] && ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "build/fuzz.sh: afl-fuzz not found: apt-get install -y afl++ (or use --engine mutate)" >&2
  exit 3
fi
if [ "$target" = "all" ]; then
  export FUZZ_NO_BUILD=1
  set +e
  dotnet "$dll" list | awk '{print $1}' | xargs -P "${FUZZ_JOBS:-1}" -I{} nice -n 19 "$0" --engine "$engine" {} "$seconds"
  status=${PIPESTATUS[2]}
  # xargs exits 123 when any target exited 1-125 (findings, or afl-fuzz missing).
  [ "$status" -eq 0 ] || exit 1
  exit 0
fi
if [ "$engine" = "afl" ]; then
  exec dotnet "$dll" afl "$target" --seconds "$seconds" \
    --corpus "tests/Fuzz/corpus/$target" --out "artifacts/fuzz/$target" --bin artifacts/fuzz/.afl-bin
fi
exec dotnet "$dll" run "$target" --seconds "$seconds" \
  --corpus "tests/Fuzz/corpus/$target" --out "artifacts/fuzz/$target" ${FUZZ_SEED:+--seed "$FUZZ_SEED"}
