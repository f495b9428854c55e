using Cilock.Attestation.Diagnostics;

namespace Cilock.Gate.Publishing;

/// <summary>What happened when the verified copy was handed to NuGet.</summary>
/// <param name="Errors">Coded failures; empty means the push succeeded.</param>
/// <param name="PublishedPath">For folder feeds: where the package landed.</param>
/// <param name="Log">NuGet's log messages, scrubbed of secrets.</param>
internal sealed record PushOutcome(IReadOnlyList<Diagnostic> Errors, string? PublishedPath, IReadOnlyList<string> Log)
{
    internal bool Succeeded => Errors.Count == 0;
}
