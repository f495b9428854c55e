using Cilock.Attestation.Dsse;

namespace Cilock.Operations.Archivista;

/// <summary>One envelope fetched from Archivista.</summary>
/// <param name="Gitoid">The object id it was fetched by (verified against <paramref name="Bytes"/>).</param>
/// <param name="Bytes">The stored bytes, verbatim.</param>
/// <param name="Envelope">The parsed envelope.</param>
public sealed record ArchivedEnvelope(string Gitoid, byte[] Bytes, DsseEnvelope Envelope);
