using Cilock.Secrets.Rules;

namespace Cilock.Secrets.Attestors;

/// <summary>Options of <see cref="SecretScanAttestor"/>.</summary>
public sealed record SecretScanAttestorOptions
{
    /// <summary>The rules (defaults to <see cref="RuleSet.Default"/>; load a user file with <see cref="RuleSet.Load"/>).</summary>
    public RuleSet Rules { get; init; } = RuleSet.Default;

    /// <summary>Products larger than this are not scanned (spec: 10 MiB).</summary>
    public long MaxProductBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>Whether zip-based products (nupkg, zip…) are opened and their text entries scanned.</summary>
    public bool ScanArchives { get; init; } = true;

    /// <summary>How many nested encodings are decoded (spec: 3).</summary>
    public int MaxDecodeLayers { get; init; } = 3;
}
