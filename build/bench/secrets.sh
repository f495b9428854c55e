#!/usr/bin/env bash
# build/bench.sh secrets: `cilock secrets scan` vs ripgrep searching the alternation of the same rule regexes, on a
# generated corpus of source-like files, build outputs and logs (BENCH_SIZE_MB, default 200) with planted secrets.
# Prints wall-clock and CPU MB/s for both and the ratio. detect-secrets (PyPI) is not reachable here: reported as such.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
size="${BENCH_SIZE_MB:-200}"
work="$(mktemp -d "${TMPDIR:-/tmp}/cilock-bench-secrets.XXXXXX")"
trap 'rm -rf "${work:-}"' EXIT

# BENCH_NO_BUILD=1 reuses an existing Release build of the CLI.
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  dotnet build src/Cilock.Cli -c Release -nologo -v:q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
fi
cilock=(dotnet "src/Cilock.Cli/bin/Release/net10.0/cilock.dll")

echo "generating ${size} MB under $work/corpus ..."
python3 - "$work/corpus" "$size" <<'EOF'
import base64, os, random, sys
root, size_mb = sys.argv[1], int(sys.argv[2])
rnd = random.Random(1234)
ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
def tok(n, a=ALNUM): return ''.join(rnd.choice(a) for _ in range(n))
WORDS = ('public private static void return var new class namespace using string int bool if else for foreach while '
         'await async task result value config options logger builder service client request response build restore '
         'compile warning error info debug trace package version list item count index name path file folder stream reader '
         'writer buffer length offset array dictionary context handler message event state model view controller query '
         'table column row data source target output input format parse convert encode decode hash digest node tree '
         'child parent root element attribute property method field type interface record struct enum delegate action '
         'func predicate select where order group join first last single any all sum min max test assert expected '
         'actual setup cleanup dispose cancel token key api auth password secret access credential').split()
WEIGHTS = [1.0] * (len(WORDS) - 7) + [0.4] * 7   # secret-ish keywords appear, but not in every line
def w(): return rnd.choices(WORDS, WEIGHTS)[0]
def source_line():
    r = rnd.random()
    if r < 0.3: return '    ' + ' '.join(w() for _ in range(rnd.randint(3, 10))) + ';'
    if r < 0.5: return f'    var {w()}{rnd.randint(0, 99)} = {w()}.Get{w().title()}("{w()}");'
    if r < 0.6: return '    // ' + ' '.join(w() for _ in range(8))
    if r < 0.7: return f'    private readonly {w().title()}Options _{w()}Key = new();'
    return ''
def log_line(i):
    return (f'2026-12-02T05:{i % 60:02d}:{i % 60:02d}.{i % 1000:03d}Z {rnd.choice(["INFO", "DEBUG", "WARN", "TRACE"])} [{w()}] '
            f'request id={tok(32, "0123456789abcdef")} took {rnd.randint(1, 900)}ms user={w()} status=200')
def build_line(i):
    return f'  {w()}.{w()} -> /work/src/{w().title()}/bin/Release/net10.0/{w().title()}.dll ({tok(40, "0123456789abcdef")})'
PLANTS = [lambda: 'ghp_' + tok(36), lambda: 'AKIA' + tok(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
          lambda: f'xoxb-{rnd.randint(10**10, 10**11)}-{rnd.randint(10**10, 10**11)}-{tok(24)}',
          lambda: 'sk_live_' + tok(32), lambda: 'oy2' + tok(43, 'abcdefghijklmnopqrstuvwxyz0123456789')]
kinds = [('src', '.cs', lambda i: source_line()), ('logs', '.log', log_line), ('obj', '.txt', build_line)]
target, written, n, planted = size_mb * 1024 * 1024, 0, 0, 0
while written < target:
    kind, ext, line = kinds[n % 3]
    folder = os.path.join(root, kind, f'd{n // 100:03d}')
    os.makedirs(folder, exist_ok=True)
    lines = []
    for i in range(rnd.randint(2000, 12000)):
        lines.append(line(i))
        if rnd.random() < 0.0002:
            s = rnd.choice(PLANTS)()
            lines.append(f'    token = "{s}"' if rnd.random() < 0.7 else '    blob = ' + base64.b64encode(f'secret: {s}'.encode()).decode())
            planted += 1
    data = ('\n'.join(lines) + '\n').encode()
    with open(os.path.join(folder, f'f{n:05d}{ext}'), 'wb') as f:
        f.write(data)
    written, n = written + len(data), n + 1
print(f'{n} files, {written // (1024 * 1024)} MB, {planted} planted secrets')
EOF

# ripgrep 13's regex crate rejects escapes of non-meta punctuation that RE2/.NET accept (\/ \_ \' …); "\\" is kept.
python3 - src/Cilock.Secrets/Rules/default-rules.json >"$work/patterns.txt" <<'EOF'
import json, re, sys
rules = json.load(open(sys.argv[1]))['rules']
def to_rust(p): return re.sub(r"\\(\\|[/_@%!'\"=<>:,; `])", lambda m: m.group(0) if m.group(1) == "\\" else m.group(1), p)
print('\n'.join(to_rust(r['regex']) for r in rules if 'regex' in r))
EOF
find "$work/corpus" -type f -print0 | xargs -0 cat >/dev/null   # warm the page cache for both contenders
bytes="$(du -sb "$work/corpus" | cut -f1)"
mb="$(echo "scale=1; $bytes / 1048576" | bc)"

# "wall cpu" seconds of a command (CPU = user + sys of the command and its children), output discarded.
measure() {
  local TIMEFORMAT='%R %U %S' t
  t="$( { time "$@" >/dev/null 2>&1; } 2>&1 )" || true
  echo "$t" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}

read -r ours_wall ours_cpu < <(measure "${cilock[@]}" secrets scan --format json --output "$work/findings.json" "$work/corpus")
ours_findings="$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$work/findings.json")"
# ripgrep falls back to its slow engine on this alternation (counted repetitions, Unicode classes, 220+ branches):
# it gets a subset of the corpus (BENCH_RG_MB, default 5) under a time limit, and its rate is computed on that subset.
rg_mb_limit="${BENCH_RG_MB:-5}"
rg_wall=""
if command -v rg >/dev/null; then
  find "$work/corpus" -type f | sort | python3 -c "
import os, sys
limit, total = float(sys.argv[1]) * 1048576, 0
for path in sys.stdin.read().split():
    if total >= limit: break
    total += os.path.getsize(path); print(path)
" "$rg_mb_limit" >"$work/rg-files.txt"
  rg_bytes="$(xargs du -cb <"$work/rg-files.txt" | tail -1 | cut -f1)"
  rg_mb="$(echo "scale=1; $rg_bytes / 1048576" | bc)"
  rg_cmd=(rg --no-config -c -f "$work/patterns.txt" --regex-size-limit 2G --dfa-size-limit 2G)
  mapfile -t rg_files <"$work/rg-files.txt"
  read -r rg_wall rg_cpu < <(measure timeout "${BENCH_RG_TIMEOUT:-900}" sh -c 'exec "$@" >"$0"' "$work/rg-out.txt" "${rg_cmd[@]}" "${rg_files[@]}")
  rg_lines="$(awk -F: '{s += $NF} END {print s + 0}' "$work/rg-out.txt" 2>/dev/null || echo 0)"
else
  echo "ripgrep is not installed (apt-get install -y ripgrep): no reference figure"
fi

rate() { echo "scale=1; $mb / ($1 + 0.0001)" | bc; }
echo "corpus: ${mb} MB, cores: $(nproc), load: $(cut -d' ' -f1 /proc/loadavg)"
printf '%-34s %9s %9s %12s %12s\n' contender "wall s" "cpu s" "MB/s wall" "MB/s cpu"
printf '%-34s %9s %9s %12s %12s  (%s findings)\n' "cilock secrets scan (227 rules)" "$ours_wall" "$ours_cpu" "$(rate "$ours_wall")" "$(rate "$ours_cpu")" "$ours_findings"
if [ -n "$rg_wall" ]; then
  rg_rate_wall="$(echo "scale=4; $rg_mb / ($rg_wall + 0.0001)" | bc)"
  rg_rate_cpu="$(echo "scale=4; $rg_mb / ($rg_cpu + 0.0001)" | bc)"
  printf '%-34s %9s %9s %12s %12s  (on %s MB: %s matching lines)\n' "ripgrep -f <rule regexes>" "$rg_wall" "$rg_cpu" "$rg_rate_wall" "$rg_rate_cpu" "$rg_mb" "$rg_lines"
  echo "speed ratio (ours / ripgrep, MB/s): wall $(echo "scale=1; $(rate "$ours_wall") / ($rg_rate_wall + 0.0001)" | bc), cpu $(echo "scale=1; $(rate "$ours_cpu") / ($rg_rate_cpu + 0.0001)" | bc)"
  [ "$(echo "$rg_wall >= ${BENCH_RG_TIMEOUT:-900}" | bc)" = 1 ] && echo "(ripgrep hit the ${BENCH_RG_TIMEOUT:-900} s limit: its rate is an upper bound)"
fi
echo "detect-secrets: unavailable (PyPI is not reachable from this machine); no figure"
