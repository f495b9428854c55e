using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;
using Cilock.Policy.Loading;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Vsa;

/// <summary>
/// The SLSA verification summary (spec attestors.md §15): cilock members plus <c>resourceUri</c>,
/// <c>verifiedLevels</c> and <c>slsaVersion</c>, written on pass and on fail; subjects are the input attestations
/// (uri → payload digest) and the verified artifact.
/// </summary>
public static class VerificationSummary
{
    /// <summary>The VSA predicate type.</summary>
    public const string PredicateType = "https://slsa.dev/verification_summary/v1";

    /// <summary>Builds the VSA statement for a verification result.</summary>
    public static Statement Build(PolicyVerificationResult result, VerifiedPolicy policy, VerificationSubjects subjects, DateTimeOffset timeVerified)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(subjects);
        var inputs = result.InputAttestations
            .Where(i => i.Passed || !result.Passed)
            .DistinctBy(i => i.Reference)
            .ToList();
        var statementSubjects = inputs
            .Select(i => new Subject(i.Reference, [new(DigestSet.Sha256, i.PayloadSha256)]))
            .ToList();
        string? resource = null;
        if (subjects.ArtifactSha256 is { } artifact)
        {
            resource = subjects.ArtifactName ?? $"sha256:{artifact.ToLowerInvariant()}";
            statementSubjects.Add(new Subject(resource, [new(DigestSet.Sha256, artifact.ToLowerInvariant())]));
        }

        foreach (var digest in subjects.Digests)
        {
            var hex = digest[(digest.IndexOf(':', StringComparison.Ordinal) + 1)..].ToLowerInvariant();
            if (hex.Length == 64 && statementSubjects.All(s => s.Digest.GetValueOrDefault(DigestSet.Sha256) != hex))
            {
                statementSubjects.Add(new Subject($"sha256:{hex}", [new(DigestSet.Sha256, hex)]));
                resource ??= $"sha256:{hex}";
            }
        }

        var inputArray = new JsonArray();
        foreach (var input in inputs)
        {
            inputArray.Add(new JsonObject { ["uri"] = input.Reference, ["digest"] = new JsonObject { [DigestSet.Sha256] = input.PayloadSha256 } });
        }

        var deny = new JsonArray();
        foreach (var rejection in result.Steps.Concat(result.Externals).Where(s => !s.Passed).SelectMany(s => s.Rejections))
        {
            deny.Add(new JsonObject
            {
                ["reference"] = rejection.Reference ?? "",
                ["collection_name"] = rejection.Step,
                ["message"] = $"{rejection.Reason.Code}: {rejection.Reason.Message}",
            });
        }

        var predicate = new JsonObject
        {
            ["verifier"] = new JsonObject { ["id"] = "cilock" },
            ["timeVerified"] = timeVerified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["resourceUri"] = resource ?? "",
            ["policy"] = new JsonObject
            {
                ["uri"] = PolicyLoader.AflockPolicyPayloadType,
                ["digest"] = new JsonObject { [DigestSet.Sha256] = policy.PayloadSha256 },
            },
            ["inputAttestations"] = inputArray,
            ["verificationResult"] = result.Passed ? "PASSED" : "FAILED",
            ["verifiedLevels"] = new JsonArray(),
            ["slsaVersion"] = "1.0",
            ["denyReasons"] = deny,
        };
        return new Statement(PredicateType, statementSubjects, predicate);
    }

    /// <summary>The bytes to write: a DSSE envelope when a signer is given, else the bare statement JSON (as cilock).</summary>
    public static byte[] Serialize(Statement statement, ISigner? signer)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var payload = statement.ToJsonBytes();
        return signer is null ? payload : DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, payload, [signer]).ToJsonBytes();
    }
}
