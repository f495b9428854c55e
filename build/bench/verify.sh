#!/usr/bin/env bash
# build/bench.sh verify [ENVELOPES]: verify ENVELOPES (default 1000) signed envelopes from files against a 5-step
# policy with Rego on two steps (every envelope is a candidate). Goal: <= 2 s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
dotnet build tests/Cilock.Policy.Benchmarks -c Release -nologo -v:q >/dev/null
echo "cores: $(nproc)"
tests/Cilock.Policy.Benchmarks/bin/Release/net10.0/Cilock.Policy.Benchmarks "${1:-1000}"
