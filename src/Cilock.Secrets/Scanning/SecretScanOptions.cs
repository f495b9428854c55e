using Cilock.Attestation.InToto;
using Cilock.Secrets.Rules;

namespace Cilock.Secrets.Scanning;

/// <summary>Options of a <see cref="SecretScanner"/>.</summary>
public sealed record SecretScanOptions
{
    /// <summary>The detection rules (defaults to <see cref="RuleSet.Default"/>).</summary>
    public RuleSet Rules { get; init; } = RuleSet.Default;

    /// <summary>Digest algorithms of the <c>secret</c> digest set (the run's hash list; default sha256).</summary>
    public IReadOnlyList<string> Hashes { get; init; } = [DigestSet.Sha256];

    /// <summary>Sensitive environment values to search for (env-value rules).</summary>
    public IReadOnlyList<SensitiveValue> SensitiveValues { get; init; } = [];

    /// <summary>How many nested encodings are decoded (spec: 3).</summary>
    public int MaxDecodeLayers { get; init; } = 3;

    /// <summary>Files (and archive entries) larger than this are skipped with CIL4006 (default 10 MiB, as in the spec).</summary>
    public long MaxFileBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>Upper bound on the bytes decompressed from one archive, against zip bombs (default 1 GiB).</summary>
    public long MaxArchiveBytes { get; init; } = 1L << 30;
}
