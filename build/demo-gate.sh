#!/usr/bin/env bash
# Gate demo: a signed policy for the demo's key, `cilock verify` of the sample package, `cilock push` to a local
# folder feed, then a tampered COPY of the package that `cilock push` must refuse (exit 1) with the feed unchanged.
# Called at the end of build/demo.sh with CILOCK_DEMO_{FEED,NUPKG,VERSION,CLI,KEY,PUB} exported. No network.
set -euo pipefail

stage=demo-gate
# shellcheck source=build/demo-stage.sh
source "$(dirname "${BASH_SOURCE[0]}")/demo-stage.sh"
gate="$demo/gate"

# Run cilock, capture output, and check the exit code is the expected one.
step() { run_expect "$1" "$2" "${cli[@]}" "${@:3}"; }
feed_state() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum); }

rm -rf "$gate" "$demo/feed-published"
mkdir -p "$gate" "$demo/feed-published" "$gate/tampered"
template="$root/samples/HelloLib/policy/policy.template.json"

echo "== gate 1/5: policy key and signed policy"
step 0 "$gate/keygen.log" keygen --outfile "$gate/policy-key"
step 0 "$gate/policy-new.log" policy new --from "$sidecar" --key "$CILOCK_DEMO_PUB" --outfile "$gate/policy.json"
step 0 "$gate/policy-sign.log" policy sign "$gate/policy.json" --key "$gate/policy-key.key" --outfile "$gate/policy.signed.json"
policy=(--policy "$gate/policy.signed.json" --publickey "$gate/policy-key.pub")
# Build, test and pack are linked by sha256 (file: subjects and backrefs), so the hardened default search reaches
# every step from the package digest alone; no compatibility switch is needed.
compat=()

echo "== gate 2/5: cilock verify the package"
step 0 "$gate/verify.log" verify "${policy[@]}" "${compat[@]}" --artifactfile "$nupkg" --attestations "$sidecar"

echo "== gate 3/5: cilock push the verified package to the folder feed"
step 0 "$gate/push.log" push "$nupkg" --source "$demo/feed-published" "${policy[@]}" "${compat[@]}"
published="$(find "$demo/feed-published" -name "$(basename "$nupkg")" -print -quit | head -n1)"
[[ -n "$published" ]] || fail "the package did not arrive in $demo/feed-published"
cmp -s "$nupkg" "$published" || fail "the published package differs from the verified one"
[[ -f "$published.intoto.jsonl" ]] || fail "the evidence was not published beside the package"

echo "== gate 4/5: tamper with a COPY (bytes appended to the zip) and push it: must be refused"
tampered="$gate/tampered/$(basename "$nupkg")"
cp "$nupkg" "$tampered"
cp "$sidecar" "$tampered.intoto.jsonl"
printf 'tampered' >> "$tampered"
before="$(feed_state "$demo/feed-published")"
# A fresh feed as well, so "refused" cannot be confused with "already exists".
mkdir -p "$gate/feed-empty"
step 1 "$gate/push-tampered.log" push "$tampered" --source "$gate/feed-empty" "${policy[@]}" "${compat[@]}"
step 1 "$gate/push-tampered-2.log" push "$tampered" --source "$demo/feed-published" "${policy[@]}" "${compat[@]}"
[[ -z "$(ls -A "$gate/feed-empty")" ]] || fail "the tampered package reached a feed"
[[ "$before" == "$(feed_state "$demo/feed-published")" ]] || fail "the published feed changed"

echo "== gate 5/5: summary"
cat <<SUMMARY
  policy             $gate/policy.signed.json (signed with $gate/policy-key.key, template: $template)
  verify             passed for $(basename "$nupkg") (sha256 $(sha256sum "$nupkg" | cut -d' ' -f1))
  push (verified)    exit 0 -> $published
  evidence           $published.intoto.jsonl
  push (tampered)    exit 1, refused, feeds unchanged (sha256 $(sha256sum "$tampered" | cut -d' ' -f1))
  logs               $gate/*.log
SUMMARY
echo "demo-gate: OK"
