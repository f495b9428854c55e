#!/usr/bin/env bash
# build/bench.sh sbom: SBOM generation (CycloneDX 1.6, SPDX 2.3, both) for a synthetic restore graph of
# BENCH_SBOM_PACKAGES (default 200) packages with nuspecs on disk; prints cold and median milliseconds (goal < 200 ms).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
log="$(mktemp "${TMPDIR:-/tmp}/cilock-bench-sbom.XXXXXX.log")"
trap 'rm -f "$log"' EXIT
# BENCH_NO_BUILD=1 reuses an existing Release build.
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  dotnet build tests/Cilock.Sbom.Benchmarks -c Release -nologo -v:q >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi
dotnet tests/Cilock.Sbom.Benchmarks/bin/Release/net10.0/Cilock.Sbom.Benchmarks.dll "${BENCH_SBOM_PACKAGES:-200}" "${BENCH_SBOM_ITERATIONS:-30}"
