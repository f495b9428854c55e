#!/usr/bin/env bash
# Fuzzes one parser: ./build/fuzz.sh TARGET [SECONDS]   (./build/fuzz.sh list shows the targets)
# Engine: our own coverage-less mutation fuzzer (tests/Cilock.Fuzz), seeded from tests/Fuzz/corpus/TARGET, run in a
# child process so stack overflows, aborts and hangs (no progress for 30 s) are caught. Findings (input + report) go
# to artifacts/fuzz/TARGET/findings; new inputs with an unseen outcome go to artifacts/fuzz/TARGET/corpus.
# Exit 0 = no findings, 1 = findings, 2 = usage. See docs/hardening.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
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
exec dotnet "$dll" run "$target" --seconds "$seconds" \
  --corpus "tests/Fuzz/corpus/$target" --out "artifacts/fuzz/$target" ${FUZZ_SEED:+--seed "$FUZZ_SEED"}
