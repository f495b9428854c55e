#!/usr/bin/env bash
# Admission gate demo: `cilock gate serve` on a free loopback port in front of a folder feed; the real
# `dotnet nuget push` of the sample package is admitted (byte-identical upstream) and a tampered copy is refused
# with the reason NuGet prints; then the gate is stopped. Called at the end of build/demo.sh with
# CILOCK_DEMO_{NUPKG,CLI,PUB} exported (as build/demo-gate.sh). No network beyond 127.0.0.1.
set -euo pipefail

stage=demo-admission
# shellcheck source=build/demo-stage.sh
source "$(dirname "${BASH_SOURCE[0]}")/demo-stage.sh"
adm="$demo/admission"

rm -rf "$adm"
mkdir -p "$adm/evidence" "$adm/upstream" "$adm/tampered"

echo "== admission 1/6: signed policy, evidence store, pusher key"
run_expect 0 "$adm/keygen.log" "${cli[@]}" keygen --outfile "$adm/policy-key"
run_expect 0 "$adm/policy-new.log" "${cli[@]}" policy new --from "$sidecar" --key "$CILOCK_DEMO_PUB" --outfile "$adm/policy.json"
run_expect 0 "$adm/policy-sign.log" "${cli[@]}" policy sign "$adm/policy.json" --key "$adm/policy-key.key" --outfile "$adm/policy.signed.json"
cp "$sidecar" "$adm/evidence/"
pusher_key="demo-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
pusher_hash="$(printf %s "$pusher_key" | sha256sum | cut -d' ' -f1)"
id="$(basename "$nupkg" .nupkg)"; id="${id%%.[0-9]*}"
cat >"$adm/gate.json" <<JSON
{
  "CilockGate": {
    "EvidenceStore": "evidence",
    "AuditLog": "audit.jsonl",
    "MaxPackageBytes": 52428800,
    "Upstream": { "Source": "upstream" },
    "Pushers": [ { "Identity": "demo-ci", "ApiKeySha256": "$pusher_hash" } ],
    "Policies": [ { "Packages": "$id", "Policy": "policy.signed.json", "PublicKeys": [ "policy-key.pub" ], "MatchAllDigestAlgorithms": true } ]
  }
}
JSON

echo "== admission 2/6: start cilock gate serve on a free loopback port"
"${cli[@]}" gate serve --config "$adm/gate.json" --urls http://127.0.0.1:0 >"$adm/gate.log" 2>&1 &
gate_pid=$!
trap 'kill "$gate_pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 120); do
  url="$(sed -n 's/^cilock gate: listening on \(http:[^ ]*\) .*/\1/p' "$adm/gate.log" | head -n1)"
  [[ -n "$url" ]] && break
  kill -0 "$gate_pid" 2>/dev/null || { cat "$adm/gate.log"; fail "the gate exited during start-up"; }
  sleep 0.5
done
[[ -n "$url" ]] || { cat "$adm/gate.log"; fail "the gate did not report its address"; }
url="${url%/}"
echo "    | gate at $url (service index $url/v3/index.json)"

push() { # push EXPECTED LOG PACKAGE
  # The key travels in NUGET_API_KEY (never on a command line that a failure message would echo).
  NUGET_API_KEY="$pusher_key" run_expect "$1" "$2" dotnet nuget push "$3" --source "$url/v3/index.json" \
    --allow-insecure-connections --force-english-output --timeout 120
}

echo "== admission 3/6: dotnet nuget push of the sample package: admitted"
(cd "$adm" && push 0 "$adm/push.log" "$nupkg")
published="$(find "$adm/upstream" -iname "$(basename "$nupkg")" -print -quit)"
[[ -n "$published" ]] || fail "the package did not arrive upstream"
cmp -s "$nupkg" "$published" || fail "the upstream package differs from the pushed bytes"

echo "== admission 4/6: dotnet nuget push of a tampered copy: refused with the reason"
tampered="$adm/tampered/$(basename "$nupkg")"
cp "$nupkg" "$tampered"; printf 'tampered' >> "$tampered"
before="$(cd "$adm/upstream" && find . -type f | sort | xargs -r sha256sum)"
(cd "$adm" && push nonzero "$adm/push-tampered.log" "$tampered")
grep -q "403" "$adm/push-tampered.log" || fail "dotnet nuget push did not report HTTP 403"
grep -q "CIL3907" "$adm/push-tampered.log" || fail "the refusal reason (CIL3907 no evidence binds the digest) was not printed"
[[ "$before" == "$(cd "$adm/upstream" && find . -type f | sort | xargs -r sha256sum)" ]] || fail "the upstream feed changed"

echo "== admission 5/6: audit log and secrets"
sed 's/^/    | /' "$adm/audit.jsonl"
[[ "$(grep -c '"action":"push"' "$adm/audit.jsonl")" -ge 2 ]] || fail "the audit log does not hold both push decisions"
if grep -rqF "$pusher_key" "$adm"/*.log "$adm/audit.jsonl"; then fail "the pusher key appears in a log"; fi

echo "== admission 6/6: stop the gate"
kill "$gate_pid"; wait "$gate_pid" 2>/dev/null || true
trap - EXIT
cat <<SUMMARY
  gate               cilock gate serve --config $adm/gate.json (stopped)
  admitted           $(basename "$nupkg") -> $published (byte-identical)
  refused            tampered copy: HTTP 403, upstream unchanged
  audit              $adm/audit.jsonl
SUMMARY
echo "demo-admission: OK"
