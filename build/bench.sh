#!/usr/bin/env bash
# Benchmarks, one subcommand each. Usage: build/bench.sh <subcommand> [args]
#   hashing   FileTreeHasher vs `find | xargs sha256sum` on a generated tree (BENCH_SIZE_MB, default 1024)
#   trace     workloads untraced, under cilock-tracer and under `strace -f` with the same syscall set (ratios)
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

# Seconds (3 decimals) a command takes, output discarded.
time_cmd() {
  local t0 t1
  t0="$(now)"
  "$@" >/dev/null 2>&1 || echo "warning: '$*' failed" >&2
  t1="$(now)"
  echo "scale=3; ($t1 - $t0) / 1" | bc
}

# Median of BENCH_RUNS (default 3) timings of a command: the machine may be shared, one run is noise.
median_cmd() {
  local runs="${BENCH_RUNS:-3}" times=()
  for _ in $(seq 1 "$runs"); do times+=("$(time_cmd "$@")"); done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

bench_trace() {
  command -v strace >/dev/null || { echo "strace is needed (apt-get install strace)" >&2; exit 1; }
  work="$(mktemp -d "${TMPDIR:-/tmp}/cilock-bench-trace.XXXXXX")"
  trap 'rm -rf "${work:-}"' EXIT
  make -s -C src/native/cilock-tracer OUT="$work/cilock-tracer"
  local tracer="$work/cilock-tracer"
  # The same syscalls the tracer's seccomp filter stops on (docs/tracing.md).
  local set="trace=execve,execveat,open,openat,openat2,creat,connect,socket,ptrace,process_vm_readv,process_vm_writev,memfd_create,mount,setns,unshare,setsid,init_module,finit_module,clone3,dup2,dup3,rename,renameat,renameat2,unlink,unlinkat,rmdir,chmod,fchmod,fchmodat"

  mkdir -p "$work/proj"
  for i in $(seq 1 40); do printf '#include "common.h"\nint f%d(void) { return COMMON + %d; }\n' "$i" "$i" >"$work/proj/m$i.c"; done
  echo '#define COMMON 1' >"$work/proj/common.h"
  echo 'int main(void) { return 0; }' >"$work/proj/main.c"
  printf 'OBJ := main.o $(patsubst %%.c,%%.o,$(wildcard m*.c))\napp: $(OBJ)\n\tcc -o $@ $^\n%%.o: %%.c common.h\n\tcc -c -o $@ $<\nclean:\n\trm -f *.o app\n' >"$work/proj/Makefile"
  seq 1 200000 >"$work/numbers.txt"

  # dotnet build of a small library (20 source files), restored once; no build servers, so every process of the
  # build is a child of the traced command (a reused MSBuild node or compiler server would escape both tools).
  mkdir -p "$work/lib"
  echo '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>' >"$work/lib/Lib.csproj"
  echo '<Project />' >"$work/Directory.Build.props"; echo '<Project />' >"$work/Directory.Build.targets"
  for i in $(seq 1 20); do printf 'namespace Lib;\npublic static class C%d { public static int F(int x) => x * %d + System.Linq.Enumerable.Sum(System.Linq.Enumerable.Range(0, x)); }\n' "$i" "$i" >"$work/lib/C$i.cs"; done
  export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  dotnet restore "$work/lib/Lib.csproj" -v:q >/dev/null

  local names=("1000 forks" "make -j2 (41 C files)" "shell pipeline" "dotnet build (20 files)")
  local cmds=("sh -c 'i=0; while [ \$i -lt 1000 ]; do /bin/true; i=\$((i+1)); done'"
              "make -s -C $work/proj clean && make -s -C $work/proj -j2 app"
              "sh -c 'sort -n $work/numbers.txt | uniq | tail -n 3 | wc -l'"
              "dotnet build $work/lib/Lib.csproj --no-restore --no-incremental -nodeReuse:false --disable-build-servers -p:UseSharedCompilation=false")
  # The tracer sets PR_SET_NO_NEW_PRIVS for its command; on some hosts that alone changes how fast .NET runs, so the
  # untraced command is also timed under `setpriv --no-new-privs` ("nnp"), the fair baseline for the tracer.
  local nnp=(setpriv --no-new-privs)
  command -v setpriv >/dev/null || nnp=()
  echo "median of ${BENCH_RUNS:-3} runs each, $(nproc) cores"
  printf '%-24s %9s %9s %9s %9s %12s %11s %12s\n' workload "plain s" "nnp s" "traced s" "strace s" "traced/plain" "traced/nnp" "strace/plain"
  for i in "${!names[@]}"; do
    local plain plain_nnp traced straced
    time_cmd bash -c "${cmds[$i]}" >/dev/null # warm caches so the first contender does not pay for them
    plain="$(median_cmd bash -c "${cmds[$i]}")"
    plain_nnp="$(median_cmd "${nnp[@]}" bash -c "${cmds[$i]}")"
    traced="$(median_cmd "$tracer" --out "$work/records.txt" -- bash -c "${cmds[$i]}")"
    straced="$(median_cmd strace -f -qq -e "$set" -o "$work/strace.txt" bash -c "${cmds[$i]}")"
    printf '%-24s %9s %9s %9s %9s %12s %11s %12s\n' "${names[$i]}" "$plain" "$plain_nnp" "$traced" "$straced" \
      "$(echo "scale=2; $traced / ($plain + 0.0001)" | bc)" "$(echo "scale=2; $traced / ($plain_nnp + 0.0001)" | bc)" \
      "$(echo "scale=2; $straced / ($plain + 0.0001)" | bc)"
  done
  echo "(traced = the native tracer writing its record stream to a file; digests are computed by the .NET side in parallel)"
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  hashing) bench_hashing "$@" ;;
  trace) bench_trace "$@" ;;
  *)
    if [ -n "$cmd" ] && [ -f "build/bench/$cmd.sh" ]; then
      exec bash "build/bench/$cmd.sh" "$@"
    fi
    echo "usage: build/bench.sh <hashing$(for f in build/bench/*.sh; do [ -f "$f" ] && printf '|%s' "$(basename "$f" .sh)"; done)>" >&2
    exit 2
    ;;
esac
