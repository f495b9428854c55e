using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Hashing;
using Cilock.Secrets.Decoding;
using Cilock.Secrets.Diagnostics;
using Cilock.Secrets.Findings;
using Cilock.Secrets.Redaction;
using Cilock.Secrets.Rules;

namespace Cilock.Secrets.Scanning;

/// <summary>
/// Scans text for secrets: keyword prefilter, linear-time rule regexes run only in windows around keyword hits,
/// gitleaks-style secret-group/entropy/allowlist checks, env-value rules, and recursive decoding of base64, hex and
/// percent-encoded runs (up to <see cref="SecretScanOptions.MaxDecodeLayers"/>). Thread-safe; reuse one instance.
/// </summary>
public sealed class SecretScanner
{
    /// <summary>Windows never grow beyond this many characters (a match this long is reported as found so far).</summary>
    private const int MaxWindow = 1 << 20;

    private readonly SecretScanOptions _options;
    private readonly IReadOnlyList<SecretRule> _rules;
    private readonly KeywordIndex _keywords;
    private readonly int[] _rulesWithoutKeywords;

    /// <summary>Creates a scanner.</summary>
    public SecretScanner(SecretScanOptions? options = null)
    {
        _options = options ?? new SecretScanOptions();
        foreach (var hash in _options.Hashes)
        {
            if (hash is not ("sha256" or "sha1" or "gitoid:sha256" or "gitoid:sha1"))
            {
                throw new CilockException(SecretsDiagnostics.InvalidRules, $"unsupported hash '{hash}' for secret digests");
            }
        }

        _rules = _options.Rules.Rules;
        _keywords = new KeywordIndex(_rules);
        _rulesWithoutKeywords = [.. Enumerable.Range(0, _rules.Count).Where(i => _rules[i].Keywords.Count == 0 && !_rules[i].IsPathOnly)];
    }

    /// <summary>The options of this scanner.</summary>
    public SecretScanOptions Options => _options;

    /// <summary>Scans <paramref name="text"/>.</summary>
    /// <param name="text">The content.</param>
    /// <param name="location">What findings report as <c>location</c> (e.g. <c>attestation:command-run</c>).</param>
    /// <param name="path">The file path, for path-scoped rules and path allowlists; <c>null</c> for non-file text.</param>
    /// <param name="ct">Cancels the scan.</param>
    public SecretScanResult Scan(string text, string location, string? path = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        var state = new ScanState(location, path, ct);
        if (path is not null && _options.Rules.GlobalAllowlists.Any(a => a.SkipsPath(path)))
        {
            return SecretScanResult.Empty;
        }

        ScanPathOnlyRules(state);
        ScanLayer(state, text, [], fixedLine: null, depth: 0, outerRun: null);
        return new SecretScanResult(state.Findings, state.Diagnostics) { Redactions = state.Redactions };
    }

    private void ScanPathOnlyRules(ScanState state)
    {
        if (state.Path is null)
        {
            return;
        }

        foreach (var rule in _rules)
        {
            if (rule.IsPathOnly && rule.Path!.IsMatch(state.Path) && !rule.Allowlists.Any(a => a.SkipsPath(state.Path)))
            {
                state.Add(CreateFinding(rule.Id, rule.Description, state, 1, state.Path, "file detected: " + state.Path, 0, [], null), redact: null);
            }
        }
    }

    // outerRun: for decoded layers, the outermost encoded run as it appears in the scanned text. That is what must be
    // redacted wherever the text is recorded (the decoded secret itself never appears there).
    private void ScanLayer(ScanState state, string text, string[] encodingPath, int? fixedLine, int depth, string? outerRun)
    {
        state.Ct.ThrowIfCancellationRequested();
        var lines = new LineIndex(text);
        var hits = _keywords.Find(text);
        foreach (var ruleIndex in hits.Keys.Concat(_rulesWithoutKeywords).Order())
        {
            var rule = _rules[ruleIndex];
            if (rule.IsPathOnly || !PathApplies(rule, state.Path))
            {
                continue;
            }

            var windows = hits.TryGetValue(ruleIndex, out var positions)
                ? MergeWindows(positions, rule.Context, text.Length)
                : [(0, text.Length)];
            ScanRule(state, rule, text, lines, windows, encodingPath, fixedLine, outerRun);
        }

        ScanSensitiveValues(state, text, lines, encodingPath, fixedLine, outerRun);
        if (depth >= _options.MaxDecodeLayers)
        {
            return;
        }

        foreach (var segment in SegmentDecoder.Find(text))
        {
            state.Ct.ThrowIfCancellationRequested();
            var line = fixedLine ?? lines.LineOf(segment.Start);
            ScanLayer(state, segment.Decoded, [.. encodingPath, segment.Encoding], line, depth + 1,
                outerRun ?? text.Substring(segment.Start, segment.Length));
        }
    }

    private static bool PathApplies(SecretRule rule, string? path)
    {
        if (rule.Path is not null && (path is null || !rule.Path.IsMatch(path)))
        {
            return false;
        }

        return path is null || !rule.Allowlists.Any(a => a.SkipsPath(path));
    }

    private static List<(int Start, int End)> MergeWindows(List<(int Position, int Length)> positions, int context, int textLength)
    {
        var windows = new List<(int Start, int End)>();
        foreach (var (position, length) in positions)
        {
            var start = Math.Max(0, position - context);
            var end = (int)Math.Min(textLength, (long)position + length + context);
            if (windows.Count > 0 && start <= windows[^1].End)
            {
                windows[^1] = (windows[^1].Start, Math.Max(windows[^1].End, end));
            }
            else
            {
                windows.Add((start, end));
            }
        }

        return windows;
    }

    private void ScanRule(ScanState state, SecretRule rule, string text, LineIndex lines, List<(int Start, int End)> windows,
        string[] encodingPath, int? fixedLine, string? outerRun)
    {
        var scanner = rule.Scanner!;
        var scannedTo = 0;
        for (var w = 0; w < windows.Count; w++)
        {
            state.Ct.ThrowIfCancellationRequested();
            var (start, end) = windows[w];
            start = Math.Max(start, scannedTo);
            if (start >= end)
            {
                continue;
            }

            try
            {
                var grow = rule.Context;
                while (true)
                {
                    var lastEnd = -1;
                    var matches = new List<(int Index, int Length)>();
                    foreach (var m in scanner.EnumerateMatches(text.AsSpan(start, end - start)))
                    {
                        matches.Add((start + m.Index, m.Length));
                        lastEnd = start + m.Index + m.Length;
                    }

                    // A match that reaches the window edge may be cut short: widen the window and rescan it.
                    if (lastEnd == end && end < text.Length && end - start < MaxWindow)
                    {
                        grow *= 2;
                        end = (int)Math.Min(text.Length, (long)end + grow);
                        continue;
                    }

                    foreach (var (index, length) in matches)
                    {
                        var from = index;
                        var floor = Math.Max(0, index - rule.LeadingIdentifierRun);
                        while (from > floor && IsIdentifierChar(text[from - 1]))
                        {
                            from--;
                        }

                        Evaluate(state, rule, text, lines, from, length + index - from, encodingPath, fixedLine, outerRun);
                    }

                    break;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                state.Diagnostics.Add(Diagnostic.Warning(SecretsDiagnostics.RuleTimedOut,
                    $"rule '{rule.Id}' exceeded its time limit in {state.Location}; that part of the input was not fully scanned"));
            }

            scannedTo = end;
        }
    }

    /// <summary>The <c>[\w.-]</c> class of the rule patterns.</summary>
    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '-' || char.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.ConnectorPunctuation;

    private void Evaluate(ScanState state, SecretRule rule, string text, LineIndex lines, int index, int length,
        string[] encodingPath, int? fixedLine, string? outerRun)
    {
        // gitleaks trims newlines off the match before extracting the secret from it.
        var match = text.Substring(index, length).Trim('\n');
        if (match.Length == 0)
        {
            return;
        }

        var secret = match;
        var groups = rule.GroupExtractor!.Match(match);
        if (groups.Success && groups.Groups.Count >= 2)
        {
            if (rule.SecretGroup > 0)
            {
                if (rule.SecretGroup >= groups.Groups.Count)
                {
                    return;
                }

                secret = groups.Groups[rule.SecretGroup].Value;
            }
            else
            {
                for (var g = 1; g < groups.Groups.Count; g++)
                {
                    if (groups.Groups[g].Length > 0)
                    {
                        secret = groups.Groups[g].Value;
                        break;
                    }
                }
            }
        }

        if (secret.Length == 0)
        {
            return;
        }

        var entropy = ShannonEntropy.Of(secret);
        if (rule.Entropy != 0 && entropy <= rule.Entropy)
        {
            return;
        }

        var line = lines.LinesAround(index, index + length);
        foreach (var allowlist in _options.Rules.GlobalAllowlists.Concat(rule.Allowlists))
        {
            if (allowlist.Allows(secret, match, line, state.Path))
            {
                return;
            }
        }

        var startLine = fixedLine ?? lines.LineOf(index);
        state.Add(CreateFinding(rule.Id, rule.Description, state, startLine, secret, match, entropy, encodingPath, fixedLine), outerRun ?? secret);
    }

    private void ScanSensitiveValues(ScanState state, string text, LineIndex lines, string[] encodingPath, int? fixedLine, string? outerRun)
    {
        var decoded = encodingPath.Length > 0;
        foreach (var sensitive in _options.SensitiveValues)
        {
            var value = sensitive.Value;
            if (value.Length < SensitiveValue.MinimumLength)
            {
                continue;
            }

            var key = sensitive.Name.Replace('_', '-');
            var ruleId = decoded ? $"witness-encoded-env-value-{key}" : $"witness-env-value-{key}";
            var description = decoded
                ? $"Encoded value of sensitive environment variable {sensitive.Name}"
                : $"Value of sensitive environment variable {sensitive.Name}";
            var found = false;
            var pos = 0;
            int at;
            while ((at = text.IndexOf(value, pos, StringComparison.Ordinal)) >= 0)
            {
                found = true;
                state.Add(CreateFinding(ruleId, description, state, fixedLine ?? lines.LineOf(at), value,
                    MatchRedactor.Placeholder, 0, encodingPath, fixedLine), outerRun ?? value);
                pos = at + value.Length;
            }

            // A decoded run that stops part-way through the value (truncated or split output) still leaks most of it.
            if (!found && decoded && value.Length >= 8)
            {
                var tail = text.AsSpan().TrimEnd("\r\n");
                for (var n = value.Length - 1; n >= Math.Max(SensitiveValue.MinimumLength, value.Length / 2); n--)
                {
                    if (tail.EndsWith(value.AsSpan(0, n), StringComparison.Ordinal))
                    {
                        state.Add(CreateFinding(ruleId + "-partial", description + " (partial)", state,
                            fixedLine ?? lines.LineOf(tail.Length - n), value, MatchRedactor.Placeholder, 0, encodingPath, fixedLine), outerRun);
                        break;
                    }
                }
            }
        }
    }

    private SecretFinding CreateFinding(string ruleId, string description, ScanState state, int startLine, string secret,
        string match, double entropy, string[] encodingPath, int? fixedLine)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        try
        {
            var digest = FileDigester.Compute(bytes, _options.Hashes);
            return new SecretFinding(ruleId, description, state.Location, startLine, digest, MatchRedactor.Truncate(match),
                entropy, encodingPath, fixedLine is not null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Per-call state: where we are and what was found (deduplicated).</summary>
    private sealed class ScanState(string location, string? path, CancellationToken ct)
    {
        private readonly HashSet<(string, string, int, string)> _seen = [];
        private readonly Dictionary<string, int> _redacted = new(StringComparer.Ordinal);

        public string Location { get; } = location;

        public string? Path { get; } = path;

        public CancellationToken Ct { get; } = ct;

        public List<SecretFinding> Findings { get; } = [];

        public List<Diagnostic> Diagnostics { get; } = [];

        public List<RedactionTarget> Redactions { get; } = [];

        /// <summary>Records <paramref name="finding"/> (once) and the text to redact for it (every occurrence).</summary>
        public void Add(SecretFinding finding, string? redact)
        {
            var key = (finding.RuleId, finding.Secret.ToString(), finding.StartLine, string.Join('/', finding.EncodingPath));
            if (_seen.Add(key))
            {
                Findings.Add(finding);
            }

            if (redact is null)
            {
                return;
            }

            // One marker per text; a provider rule names it better than a generic one that matched the same token.
            var target = new RedactionTarget(redact, RedactionTarget.MarkerFor(finding));
            if (_redacted.TryGetValue(redact, out var index))
            {
                if (Redactions[index].Marker.StartsWith("[REDACTED:generic-", StringComparison.Ordinal) && !finding.RuleId.StartsWith("generic-", StringComparison.Ordinal))
                {
                    Redactions[index] = target;
                }
            }
            else
            {
                _redacted[redact] = Redactions.Count;
                Redactions.Add(target);
            }
        }
    }
}
