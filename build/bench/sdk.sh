#!/usr/bin/env bash
# build/bench.sh sdk: the cost of Cilock.Sdk on a generated solution of BENCH_PROJECTS (default 5) small libraries.
# For CilockEnabled=true and =false: BENCH_RUNS (default 3) clean builds (bin/obj deleted, restore included) and
# no-op rebuilds, after one warm-up each; prints the medians side by side and the enabled/disabled ratios.
# BENCH_SDK_VERSION reuses an SDK already in artifacts/feed instead of packing a new one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
projects="${BENCH_PROJECTS:-5}"
runs="${BENCH_RUNS:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/cilock-bench-sdk.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
export NUGET_PACKAGES="$work/nuget-packages"

feed="$root/artifacts/feed"
version="${BENCH_SDK_VERSION:-}"
if [ -z "$version" ]; then
  echo "packing Cilock.Sdk ..." >&2
  version="$(CILOCK_FEED="$feed" "$root/build/pack-local.sh" | tail -n 1)"
fi

sol="$work/solution"
mkdir -p "$sol"
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$work/bench.key"
export CilockSigningKey="$work/bench.key"
cat > "$sol/global.json" <<JSON
{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" }, "msbuild-sdks": { "Cilock.Sdk": "$version" } }
JSON
cat > "$sol/nuget.config" <<XML
<configuration>
  <packageSources><add key="cilock-local" value="$feed" /></packageSources>
  <fallbackPackageFolders><add key="user" value="$HOME/.nuget/packages" /></fallbackPackageFolders>
</configuration>
XML
echo '<Project><Import Project="Sdk.props" Sdk="Cilock.Sdk" /></Project>' > "$sol/Directory.Build.props"
echo '<Project><Import Project="Sdk.targets" Sdk="Cilock.Sdk" /></Project>' > "$sol/Directory.Build.targets"
(cd "$sol" && git init -q && dotnet new sln -n Bench --format sln >/dev/null)
for i in $(seq 1 "$projects"); do
  p="Lib$i"
  mkdir -p "$sol/$p"
  ref=""
  [ "$i" -gt 1 ] && ref="<ItemGroup><ProjectReference Include=\"../Lib1/Lib1.csproj\" /></ItemGroup>"
  cat > "$sol/$p/$p.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
  $ref
</Project>
XML
  for c in 1 2 3 4 5 6 7 8; do
    cat > "$sol/$p/Type$c.cs" <<CS
namespace $p;
public static class Type$c
{
    public static int Sum(int[] values) { var s = 0; foreach (var v in values) { s += v * $c; } return s; }
    public static string Describe(string name) => string.Join(",", System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, $c), i => name + i));
}
CS
  done
  (cd "$sol" && dotnet sln add "$p/$p.csproj" >/dev/null)
done
(cd "$sol" && git add -A && git -c user.name=bench -c user.email=bench@cilock.invalid commit -qm bench)

ms() { local t0 t1; t0=$(date +%s%N); "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
clean() { rm -rf "$sol"/*/bin "$sol"/*/obj; }
build() { (cd "$sol" && dotnet build Bench.sln -c Release -nologo -v:q -nodeReuse:false -p:CilockEnabled="$1" "${@:2}"); }

declare -A clean_ms noop_ms
for enabled in true false; do
  clean; ms build "$enabled" >/dev/null   # warm-up (restore caches, JIT); fails loudly
  c=(); n=()
  for _ in $(seq 1 "$runs"); do
    clean
    c+=("$(ms build "$enabled")")
    n+=("$(ms build "$enabled" --no-restore)")
  done
  if [ "$enabled" = true ]; then
    envelopes=$(find "$sol" -path '*/obj/cilock/*.intoto.json' | wc -l)
    [ "$envelopes" -eq "$projects" ] || { echo "expected $projects envelopes, found $envelopes" >&2; exit 1; }
  else
    [ -z "$(find "$sol" -path '*/obj/cilock*' -print -quit)" ] || { echo "CilockEnabled=false left evidence" >&2; exit 1; }
  fi
  clean_ms[$enabled]="$(median "${c[@]}")"
  noop_ms[$enabled]="$(median "${n[@]}")"
  echo "CilockEnabled=$enabled clean: ${c[*]} ms; no-op: ${n[*]} ms" >&2
done

ratio() { echo "scale=2; $1 / $2" | bc; }
echo "projects: $projects, runs: $runs, cores: $(nproc), Cilock.Sdk $version"
printf '%-10s %12s %12s %8s\n' "build" "enabled ms" "disabled ms" "ratio"
printf '%-10s %12s %12s %8s\n' "clean" "${clean_ms[true]}" "${clean_ms[false]}" "$(ratio "${clean_ms[true]}" "${clean_ms[false]}")"
printf '%-10s %12s %12s %8s\n' "no-op" "${noop_ms[true]}" "${noop_ms[false]}" "$(ratio "${noop_ms[true]}" "${noop_ms[false]}")"
