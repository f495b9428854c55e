#!/usr/bin/env bash
# Packs Cilock.Sdk (the MSBuild SDK) and Cilock.Cli (the cilock tool) into the repo-local feed artifacts/feed with a
# unique prerelease version, so a consumer never picks up a stale extracted copy of an earlier pack.
# Usage: build/pack-local.sh [VERSION]      prints the version on stdout (last line); build output goes to stderr.
# Env:   CILOCK_FEED=DIR   feed folder (default: artifacts/feed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:-0.1.0-dev.$(date -u +%Y%m%d%H%M%S).$$}"
feed="${CILOCK_FEED:-$root/artifacts/feed}"
mkdir -p "$feed"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in src/Cilock.Sdk/Cilock.Sdk.csproj src/Cilock.Cli/Cilock.Cli.csproj; do
  dotnet pack "$root/$project" -c Release -nologo -v:q -nodeReuse:false \
    -p:PackageVersion="$version" -o "$feed" >&2
done

for id in Cilock.Sdk Cilock.Cli; do
  [ -f "$feed/$id.$version.nupkg" ] || { echo "pack-local: $feed/$id.$version.nupkg was not produced" >&2; exit 1; }
done
echo "$version"
