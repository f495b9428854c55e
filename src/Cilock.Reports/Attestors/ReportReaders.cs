using Cilock.Attestation.Attestors;

namespace Cilock.Reports.Attestors;

/// <summary>
/// The report readers of <c>cilock run</c>: SARIF, TRX and SBOM files found among a step's products are recorded as
/// the <c>sarif</c>, <c>test-results</c> and <c>sbom</c> attestors, as cilock does. Detection is by content (first
/// bytes, then a full parse), not by file extension. A reader that finds nothing adds nothing to the collection.
/// </summary>
public static class ReportReaders
{
    /// <summary>The attestor names the readers use (a <c>--attestations</c> list may name them; they always run).</summary>
    public static IReadOnlyList<string> Names { get; } = [SarifAttestor.AttestorName, TestResultsAttestor.AttestorName, SbomAttestor.AttestorName];

    /// <summary>True when <paramref name="name"/> is one of <see cref="Names"/> (case-insensitive, trimmed).</summary>
    public static bool IsReaderName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Names.Contains(name.Trim().ToLowerInvariant(), StringComparer.Ordinal);
    }

    /// <summary>One fresh reader attestor per report kind, each searching the products.</summary>
    public static IReadOnlyList<IAttestor> ForProducts() => [new SarifAttestor(), new TestResultsAttestor(), new SbomAttestor()];
}
