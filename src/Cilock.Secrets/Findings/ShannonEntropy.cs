namespace Cilock.Secrets.Findings;

/// <summary>Shannon entropy in bits per character, as gitleaks computes it for its entropy thresholds.</summary>
internal static class ShannonEntropy
{
    public static double Of(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> ascii = stackalloc int[128];
        Dictionary<char, int>? other = null;
        foreach (var c in value)
        {
            if (c < 128)
            {
                ascii[c]++;
            }
            else
            {
                other ??= [];
                other[c] = other.GetValueOrDefault(c) + 1;
            }
        }

        double length = value.Length, entropy = 0;
        foreach (var count in ascii)
        {
            if (count > 0)
            {
                var p = count / length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other is not null)
        {
            foreach (var count in other.Values)
            {
                var p = count / length;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }
}
