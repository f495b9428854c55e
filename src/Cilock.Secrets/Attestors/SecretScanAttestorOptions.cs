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

    /// <summary>
    /// Further text files to scan (absolute paths), reported as <c>file:&lt;path relative to the working
    /// directory&gt;</c>: output the step can reach but does not record, such as TRX reports and SARIF logs.
    /// Missing files are skipped; unreadable ones give CIL4003 warnings.
    /// </summary>
    public IReadOnlyList<string> ExtraFiles { get; init; } = [];

    /// <summary>How many nested encodings are decoded (spec: 3).</summary>
    public int MaxDecodeLayers { get; init; } = 3;
}
