#!/usr/bin/env bash
# Benchmarks, one subcommand each. Usage: build/bench.sh <subcommand> [args]
#   hashing   FileTreeHasher vs `find | xargs sha256sum` on a generated tree (BENCH_SIZE_MB, default 1024)
# Add a subcommand as one case below (or as build/bench/<name>.sh, which is picked up automatically).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

now() { date +%s.%N; }

bench_hashing() {
  local size="${BENCH_SIZE_MB:-1024}"
  work="$(mktemp -d "${TMPDIR:-/tmp}/cilock-bench-hashing.XXXXXX")"
  trap 'rm -rf "${work:-}"' EXIT
  dotnet build tests/Cilock.Benchmarks -c Release -nologo -v:q >/dev/null
  local bench="tests/Cilock.Benchmarks/bin/Release/net10.0/Cilock.Benchmarks"

  echo "generating ${size} MB under $work/tree ..."
  "$bench" generate "$work/tree" "$size"
  local files
  files="$(find "$work/tree" -type f | wc -l)"
  # Warm the page cache so both contenders read from memory rather than whoever runs first paying for the disk.
  find "$work/tree" -type f -print0 | xargs -0 cat >/dev/null

  local t0 t1 ours_ms ref_ms
  t0="$(now)"
  (cd "$work/tree" && find . -type f -print0 | xargs -0 sha256sum >"$work/reference.txt")
  t1="$(now)"
  ref_ms="$(echo "($t1 - $t0) * 1000 / 1" | bc)"

  read -r ours_files _ ours_ms < <("$bench" hash "$work/tree")
  if [ "$ours_files" -ne "$files" ]; then
    echo "FileTreeHasher saw $ours_files files, find saw $files" >&2
    exit 1
  fi

  echo "files: $files, size: ${size} MB, cores: $(nproc)"
  echo "sha256sum (find | xargs): ${ref_ms} ms"
  echo "FileTreeHasher:           ${ours_ms} ms"
  echo "ratio (sha256sum / ours): $(echo "scale=2; $ref_ms / ($ours_ms + 0.0001)" | bc)"
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  hashing) bench_hashing "$@" ;;
  *)
    if [ -n "$cmd" ] && [ -f "build/bench/$cmd.sh" ]; then
      exec bash "build/bench/$cmd.sh" "$@"
    fi
    echo "usage: build/bench.sh <hashing$(for f in build/bench/*.sh; do [ -f "$f" ] && printf '|%s' "$(basename "$f" .sh)"; done)>" >&2
    exit 2
    ;;
esac
