#!/usr/bin/env bash
# build/bench.sh secrets: `cilock secrets scan` vs ripgrep searching the alternation of the same rule regexes, on a
# generated corpus of source-like files, build outputs and logs (BENCH_SIZE_MB, default 200) with planted secrets.
# Prints wall-clock and CPU MB/s for both and the ratio. detect-secrets (PyPI) is not reachable here: reported as such.
# ripgrep runs once per rule regex (see below); ripgrep is multi-threaded, ours is not: compare the CPU columns.
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

# ripgrep reference: one rg pass per rule regex over the whole corpus (a 220-branch alternation makes rg fall back to
# its slow engine and not finish in 600 s on 2.3 MB, which measures nothing). Each pass gets rg's literal prefilter
# for that rule, so the sum is a near-limit figure for "apply every rule regex to every byte" (no entropy, allowlists
# or decoding). Patterns go to rg's default engine after dropping escapes it rejects (\/ \_ \' …); those it still
# cannot compile (lookaround, backreferences) run with -P (PCRE2); any left are reported.
rg_line=""
if command -v rg >/dev/null; then
  rg_line="$(python3 - src/Cilock.Secrets/Rules/default-rules.json "$work/corpus" "${BENCH_RG_TIMEOUT:-1800}" <<'EOF2'
import json, re, resource, subprocess, sys, time
rules = [r for r in json.load(open(sys.argv[1]))['rules'] if 'regex' in r]
corpus, budget = sys.argv[2], float(sys.argv[3])
def to_rust(p): return re.sub(r"\\(\\|[/_@%!'\"=<>:,; `])", lambda m: m.group(0) if m.group(1) == "\\" else m.group(1), p)
def cpu(): u = resource.getrusage(resource.RUSAGE_CHILDREN); return u.ru_utime + u.ru_stime
default = pcre = failed = lines = 0
t0, c0 = time.time(), cpu()
for rule in rules:
    if time.time() - t0 > budget: failed += 1; continue
    for args in (['-e', to_rust(rule['regex'])], ['-P', '-e', rule['regex']]):
        p = subprocess.run(['rg', '--no-config', '-c', '--no-filename', '--regex-size-limit', '1G', '--dfa-size-limit', '1G', *args, corpus],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        if p.returncode in (0, 1):
            lines += sum(int(x) for x in p.stdout.split())
            if '-P' in args: pcre += 1
            else: default += 1
            break
    else:
        failed += 1
print(f"{time.time() - t0:.3f} {cpu() - c0:.3f} {default} {pcre} {failed} {lines}")
EOF2
)"
else
  echo "ripgrep is not installed (apt-get install -y ripgrep): no reference figure"
fi

rate() { echo "scale=1; $mb / ($1 + 0.0001)" | bc; }
echo "corpus: ${mb} MB, cores: $(nproc), load: $(cut -d' ' -f1 /proc/loadavg)"
printf '%-38s %9s %9s %12s %12s\n' contender "wall s" "cpu s" "MB/s wall" "MB/s cpu"
printf '%-38s %9s %9s %12s %12s  (%s findings)\n' "cilock secrets scan (227 rules)" "$ours_wall" "$ours_cpu" "$(rate "$ours_wall")" "$(rate "$ours_cpu")" "$ours_findings"
if [ -n "$rg_line" ]; then
  read -r rg_wall rg_cpu rg_default rg_pcre rg_failed rg_lines <<<"$rg_line"
  printf '%-38s %9s %9s %12s %12s  (%s matching lines; %s rules default engine, %s -P, %s not run)\n' \
    "ripgrep, one pass per rule regex" "$rg_wall" "$rg_cpu" "$(rate "$rg_wall")" "$(rate "$rg_cpu")" "$rg_lines" "$rg_default" "$rg_pcre" "$rg_failed"
  echo "speed ratio (ours / ripgrep, MB/s): wall $(echo "scale=2; $rg_wall / ($ours_wall + 0.0001)" | bc), cpu $(echo "scale=2; $rg_cpu / ($ours_cpu + 0.0001)" | bc)"
fi
echo "detect-secrets: unavailable (PyPI is not reachable from this machine); no figure"
