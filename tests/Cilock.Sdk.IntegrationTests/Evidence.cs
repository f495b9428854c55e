using System.Security.Cryptography;
using System.Text.Json;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>A signed envelope read back from disk, with the parts of its statement the tests check.</summary>
internal sealed class Evidence
{
    private Evidence(string source, DsseEnvelope envelope)
    {
        Source = source;
        Envelope = envelope;
        Statement = JsonDocument.Parse(envelope.Payload).RootElement.Clone();
    }

    public string Source { get; }

    public DsseEnvelope Envelope { get; }

    public JsonElement Statement { get; }

    public string StepName => Statement.GetProperty("predicate").GetProperty("name").GetString()!;

    public static Evidence Load(string path) => new(path, DsseEnvelope.Parse(File.ReadAllText(path)));

    public static IReadOnlyList<Evidence> LoadLines(string path) =>
        [.. DsseEnvelope.ReadJsonLines(File.ReadAllText(path)).Select(e => new Evidence(path, e))];

    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Verifies the signature with our verifier and the test public key.</summary>
    public void AssertSignedBy(string publicKeyPath)
    {
        var result = DsseVerifier.Verify(Envelope, new DsseVerificationOptions { Verifiers = [KeyLoader.LoadVerifier(publicKeyPath)] });
        Assert.IsTrue(result.IsValid, $"{Source}: {result.Error}");
    }

    /// <summary>The attestation of the first collection entry whose type contains <paramref name="typePart"/>.</summary>
    public JsonElement Attestation(string typePart)
    {
        foreach (var entry in Statement.GetProperty("predicate").GetProperty("attestations").EnumerateArray())
        {
            if (entry.GetProperty("type").GetString()!.Contains(typePart, StringComparison.Ordinal))
            {
                return entry.GetProperty("attestation");
            }
        }

        Assert.Fail($"{Source}: no '{typePart}' attestation in step '{StepName}'");
        return default;
    }

    /// <summary>path → sha256 of the v0.3 leaves of the material or product attestation.</summary>
    public Dictionary<string, string> Leaves(string kind) =>
        Attestation($"/{kind}/").GetProperty("leaves").EnumerateArray()
            .ToDictionary(l => l.GetProperty("path").GetString()!, l => l.GetProperty("fileDigest").GetString()!, StringComparer.Ordinal);

    /// <summary>Subject name → sha256.</summary>
    public Dictionary<string, string> Subjects() =>
        Statement.GetProperty("subject").EnumerateArray().ToDictionary(
            s => s.GetProperty("name").GetString()!,
            s => s.GetProperty("digest").TryGetProperty("sha256", out var d) ? d.GetString()! : "",
            StringComparer.Ordinal);
}
