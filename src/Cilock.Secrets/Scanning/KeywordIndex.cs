using System.Buffers;
using Cilock.Secrets.Rules;

namespace Cilock.Secrets.Scanning;

/// <summary>
/// The keyword prefilter: one vectorised <see cref="SearchValues{T}"/> search over the text for every rule keyword at
/// once (case-insensitive), yielding per rule the positions where its regex must be tried.
/// </summary>
internal sealed class KeywordIndex
{
    private readonly SearchValues<string>? _all;
    private readonly Dictionary<char, (string Keyword, int[] Rules)[]> _byFirstChar;

    public KeywordIndex(IReadOnlyList<SecretRule> rules)
    {
        var byKeyword = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            foreach (var keyword in rules[i].Keywords)
            {
                if (!byKeyword.TryGetValue(keyword, out var list))
                {
                    byKeyword[keyword] = list = [];
                }

                list.Add(i);
            }
        }

        _all = byKeyword.Count == 0 ? null : SearchValues.Create([.. byKeyword.Keys], StringComparison.OrdinalIgnoreCase);
        _byFirstChar = byKeyword
            .GroupBy(kv => char.ToLowerInvariant(kv.Key[0]))
            .ToDictionary(g => g.Key, g => g.Select(kv => (kv.Key, kv.Value.ToArray())).OrderByDescending(k => k.Key.Length).ToArray());
    }

    /// <summary>Keyword hit positions per rule index (ascending), and each hit's keyword length.</summary>
    public Dictionary<int, List<(int Position, int Length)>> Find(ReadOnlySpan<char> text)
    {
        var hits = new Dictionary<int, List<(int, int)>>();
        if (_all is null)
        {
            return hits;
        }

        var pos = 0;
        while (pos < text.Length)
        {
            var found = text[pos..].IndexOfAny(_all);
            if (found < 0)
            {
                break;
            }

            var at = pos + found;
            if (_byFirstChar.TryGetValue(char.ToLowerInvariant(text[at]), out var candidates))
            {
                var rest = text[at..];
                foreach (var (keyword, rules) in candidates)
                {
                    if (rest.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
                    {
                        foreach (var rule in rules)
                        {
                            if (!hits.TryGetValue(rule, out var list))
                            {
                                hits[rule] = list = [];
                            }

                            // Consecutive hits of one rule at the same spot (two of its keywords) add nothing.
                            if (list.Count == 0 || list[^1].Item1 != at)
                            {
                                list.Add((at, keyword.Length));
                            }
                        }
                    }
                }
            }

            pos = at + 1;
        }

        return hits;
    }
}
