using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Model;

namespace Cilock.Policy.Loading;

/// <summary>A policy whose signature, expiry and structure were checked; the payload bytes are kept verbatim.</summary>
public sealed class VerifiedPolicy
{
    internal VerifiedPolicy(PolicyDocument document, byte[] payload, string? payloadType, IReadOnlyList<string> signerKeyIds, IReadOnlyList<Diagnostic> diagnostics)
    {
        Document = document;
        Payload = payload;
        PayloadType = payloadType;
        SignerKeyIds = signerKeyIds;
        Diagnostics = diagnostics;
        PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(payload));
    }

    /// <summary>The parsed policy.</summary>
    public PolicyDocument Document { get; }

    /// <summary>The exact policy bytes that were signed (never re-serialized).</summary>
    public byte[] Payload { get; }

    /// <summary>The envelope payloadType, or null for an unsigned policy.</summary>
    public string? PayloadType { get; }

    /// <summary>Whether the policy came in a verified DSSE envelope.</summary>
    public bool IsSigned => PayloadType is not null;

    /// <summary>keyids of the verified policy signers.</summary>
    public IReadOnlyList<string> SignerKeyIds { get; }

    /// <summary>sha256 hex of <see cref="Payload"/> (the VSA's policy digest).</summary>
    public string PayloadSha256 { get; }

    /// <summary>Non-fatal findings (warnings, compat notes) from loading.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
