#!/usr/bin/env bash
# build/bench.sh rego [iterations]: µs per EvaluateDeny for a 10-rule policy over a 1,000-process command-run
# predicate and for a typical secretscan predicate (compiled once, input JSON parsed on every evaluation).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
dotnet build tests/Cilock.Rego.Benchmarks -c Release -nologo -v:q >/dev/null
echo "cores: $(nproc), load: $(cut -d" " -f1 /proc/loadavg)"
exec tests/Cilock.Rego.Benchmarks/bin/Release/net10.0/Cilock.Rego.Benchmarks "${1:-2000}"
