#!/usr/bin/env bash
# The main job end to end: pack Cilock.Sdk + cilock into the repo-local feed, then build, test and pack the HelloLib
# sample with signed evidence, check the evidence, and print where it is. Exits non-zero if any step misbehaves.
# Everything it writes stays under artifacts/ (isolated NuGet cache, demo key, sample copy, packages).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
art="$root/artifacts"
demo="$art/demo"
feed="$art/feed"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# A private NuGet cache: the freshly packed SDK is extracted here, never mixed with ~/.nuget/packages.
export NUGET_PACKAGES="$art/demo-nuget-packages"
# Task assemblies stay loaded in reused MSBuild nodes; the demo always starts fresh ones.
export MSBUILDDISABLENODEREUSE=1

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "demo: FAILED: $*" >&2; exit 1; }

rm -rf "$demo"
mkdir -p "$demo"

step "Packing Cilock.Sdk and Cilock.Cli into $feed"
version="$(CILOCK_FEED="$feed" "$root/build/pack-local.sh" | tail -n 1)"
echo "version $version"

step "Installing the cilock tool from the local feed"
dotnet tool install Cilock.Cli --version "$version" --tool-path "$demo/tools" --add-source "$feed" >/dev/null
cli="$demo/tools/cilock"
[ -x "$cli" ] || fail "cilock was not installed"

step "Creating the demo signing key (ECDSA P-256) under $demo/keys"
mkdir -p "$demo/keys"
key="$demo/keys/demo.key"
pub="$demo/keys/demo.pub"
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$key"
openssl ec -in "$key" -pubout -out "$pub" 2>/dev/null
chmod 600 "$key"
# MSBuild reads environment variables as properties: every project below signs with this key.
export CilockSigningKey="$key"

step "Copying the HelloLib sample and pinning Cilock.Sdk $version"
cp -R "$root/samples/HelloLib" "$demo/HelloLib"
rm -rf "$demo"/HelloLib/*/*/bin "$demo"/HelloLib/*/*/obj
sample="$demo/HelloLib"
cat > "$sample/global.json" <<JSON
{
  "sdk": { "version": "10.0.100", "rollForward": "latestFeature" },
  "msbuild-sdks": { "Cilock.Sdk": "$version" }
}
JSON
cat > "$sample/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="cilock-local" value="$feed" />
  </packageSources>
</configuration>
XML
cd "$sample"

step "dotnet build"
dotnet build -c Release -nologo -v:q
step "dotnet test"
dotnet test -c Release -nologo -v:q
step "dotnet pack"
dotnet pack src/HelloLib/HelloLib.csproj -c Release -nologo -v:q -o "$demo/packages"

nupkg="$demo/packages/HelloLib.1.0.0.nupkg"
sidecar="$nupkg.intoto.jsonl"
[ -f "$nupkg" ] || fail "$nupkg was not produced"
[ -f "$sidecar" ] || fail "$sidecar was not produced"
lines="$(wc -l < "$sidecar" | tr -d ' ')"
[ "$lines" -ge 3 ] || fail "the sidecar holds $lines envelopes; expected build, test and pack"

step "Checking the evidence"
steps="$(python3 - "$sidecar" <<'PY'
import base64, json, sys
names = []
for line in open(sys.argv[1]):
    statement = json.loads(base64.b64decode(json.loads(line)["payload"]))
    names.append(statement["predicate"]["name"])
print(" ".join(names))
PY
)"
for expected in build test pack; do
  case " $steps " in *" $expected "*) ;; *) fail "the sidecar has no '$expected' step (has: $steps)";; esac
done
if [ -x "$root/../shared/validators/verify-dsse.sh" ] || [ -f "$root/../shared/validators/verify-dsse.sh" ]; then
  bash "$root/../shared/validators/verify-dsse.sh" "$sidecar" "$pub" || fail "an envelope in the sidecar does not verify with $pub"
else
  echo "(../shared/validators absent: skipped the independent openssl signature check)"
fi

step "Summary"
echo "Cilock.Sdk $version (feed: $feed)"
echo "package:   $nupkg"
echo "sidecar:   $sidecar ($lines signed steps: $steps)"
echo "evidence:  $sample/src/HelloLib/obj/cilock/ and $sample/tests/HelloLib.Tests/obj/cilock/"
echo "key:       $key (public: $pub)"
echo "cilock:    $cli"

if [ -x "$root/build/demo-gate.sh" ]; then
  export CILOCK_DEMO_FEED="$feed" CILOCK_DEMO_NUPKG="$nupkg" CILOCK_DEMO_VERSION="$version" \
         CILOCK_DEMO_CLI="$cli" CILOCK_DEMO_KEY="$key" CILOCK_DEMO_PUB="$pub"
  step "Verify-then-push gate (build/demo-gate.sh)"
  "$root/build/demo-gate.sh"
  if [ -x "$root/build/demo-admission.sh" ]; then
    step "Admission gate for plain dotnet nuget push (build/demo-admission.sh)"
    "$root/build/demo-admission.sh"
  fi
fi
echo
echo "demo: OK"
