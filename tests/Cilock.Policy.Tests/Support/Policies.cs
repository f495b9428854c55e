using System.Text;
using Cilock.Attestation.Dsse;
using Cilock.Policy.Authoring;
using Cilock.Policy.Loading;
using Cilock.Policy.Model;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Tests.Support;

/// <summary>Builds, signs and loads policies for tests.</summary>
internal static class Policies
{
    public static PolicyDocument Create(IEnumerable<TestKey> keys, params PolicyStep[] steps) => new()
    {
        Expires = FixedTime.Default.AddDays(30),
        PublicKeys = keys.DistinctBy(k => k.KeyId).ToDictionary(k => k.KeyId, k => new PolicyPublicKey
        {
            KeyId = k.KeyId,
            Key = Convert.ToBase64String(Encoding.UTF8.GetBytes(k.PublicPem)),
        }),
        Steps = steps.ToDictionary(s => s.Name!, s => s),
    };

    public static PolicyStep Step(string name, IEnumerable<TestKey> functionaries, IEnumerable<string> types, params string[] artifactsFrom) => new()
    {
        Name = name,
        Functionaries = [.. functionaries.Select(k => new Functionary { Type = "publickey", PublicKeyId = k.KeyId })],
        Attestations = [.. types.Select(t => new AttestationRequirement { Type = t })],
        ArtifactsFrom = artifactsFrom.Length > 0 ? [.. artifactsFrom] : null,
    };

    public static RegoPolicyEntry Rego(string name, string source) =>
        new() { Name = name, Module = Convert.ToBase64String(Encoding.UTF8.GetBytes(source)) };

    public static byte[] SignBytes(byte[] policyJson, TestKey key, string payloadType = PolicyLoader.WitnessPolicyPayloadType) =>
        Encoding.UTF8.GetBytes(DsseSigner.Sign(payloadType, policyJson, [key.Signer]).ToJson());

    public static VerifiedPolicy Load(PolicyDocument document, TestKey policyKey, PolicyVerificationOptions? options = null) =>
        PolicyLoader.Load(
            SignBytes(PolicyWriter.Serialize(document), policyKey),
            new PolicyLoadOptions { PublicKeys = [policyKey.Verifier], Verification = options ?? Options() });

    public static PolicyVerificationOptions Options() => new() { Time = new FixedTime() };
}
