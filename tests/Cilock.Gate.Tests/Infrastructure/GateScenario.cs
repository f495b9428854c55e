using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;
using Cilock.TestUtilities;

namespace Cilock.Gate.Tests.Infrastructure;

/// <summary>
/// A complete, real gate setup built in the test: an evidence signing key, a package, its sidecar holding a signed
/// Witness-shaped "pack" collection whose product subject is the package's sha256, and a signed policy that requires
/// that step from that key. Each knob breaks exactly one thing.
/// </summary>
internal sealed class GateScenario : IDisposable
{
    internal const string ProductType = "https://witness.dev/attestations/product/v0.1";
    private const string CollectionType = "https://witness.testifysec.com/attestation-collection/v0.1";
    private const string PolicyPayloadType = "https://witness.testifysec.com/policy/v0.1";

    private readonly GeneratedKey _evidenceKey = KeyGenerator.Generate();
    private readonly GeneratedKey _policyKey = KeyGenerator.Generate();

    internal GateScenario(string packageContent = "hello")
    {
        Package = TestPackages.Create(Temp.Combine("out"), content: packageContent);
        Feed = Directory.CreateDirectory(Temp.Combine("feed")).FullName;
        PolicyKeyPath = Temp.WriteFile("keys/policy.pub", _policyKey.PublicKeyPem);
        var other = KeyGenerator.Generate();
        OtherKeyPath = Temp.WriteFile("keys/other.pub", other.PublicKeyPem);
        OtherKeyPrivatePem = other.PrivateKeyPem;
        PolicyPath = Temp.Combine("policy.signed.json");
        WriteEvidence(TestPackages.Sha256(Package));
        WritePolicy(DateTimeOffset.UtcNow.AddYears(1));
    }

    internal TempDirectory Temp { get; } = new("cilock-gate");

    internal string Package { get; }

    internal string Sidecar => Package + ".intoto.jsonl";

    internal string Feed { get; }

    internal string PolicyPath { get; }

    internal string PolicyKeyPath { get; }

    internal string OtherKeyPath { get; }

    private string OtherKeyPrivatePem { get; }

    /// <summary>Writes the sidecar with a pack collection binding <paramref name="sha256"/>, signed by the evidence key.</summary>
    internal void WriteEvidence(string sha256, string stepName = "pack")
    {
        var name = Path.GetFileName(Package);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var predicate = new JsonObject
        {
            ["name"] = stepName,
            ["attestations"] = new JsonArray(new JsonObject
            {
                ["type"] = ProductType,
                ["attestation"] = new JsonObject
                {
                    [name] = new JsonObject { ["mime_type"] = "application/zip", ["digest"] = new JsonObject { ["sha256"] = sha256 } },
                },
                ["starttime"] = now,
                ["endtime"] = now,
            }),
        };
        var statement = new Statement(CollectionType, [new Subject($"{ProductType}/file:{name}", [new("sha256", sha256)])], predicate);
        var signer = KeyLoader.LoadSignerFromPem(_evidenceKey.PrivateKeyPem, default);
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, statement.ToJsonBytes(), [signer]);
        File.WriteAllText(Sidecar, envelope.ToJson() + "\n");
    }

    /// <summary>Writes a policy requiring step "pack" signed by the evidence key, expiring at <paramref name="expires"/>.</summary>
    internal void WritePolicy(DateTimeOffset expires, bool signWithOtherKey = false, string requiredType = ProductType)
    {
        var keyB64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(_evidenceKey.PublicKeyPem));
        var policy = new JsonObject
        {
            ["expires"] = expires.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["publickeys"] = new JsonObject { [_evidenceKey.KeyId] = new JsonObject { ["keyid"] = _evidenceKey.KeyId, ["key"] = keyB64 } },
            ["steps"] = new JsonObject
            {
                ["pack"] = new JsonObject
                {
                    ["name"] = "pack",
                    ["functionaries"] = new JsonArray(new JsonObject { ["type"] = "publickey", ["publickeyid"] = _evidenceKey.KeyId }),
                    ["attestations"] = new JsonArray(new JsonObject { ["type"] = requiredType }),
                },
            },
        };
        var signer = KeyLoader.LoadSignerFromPem(signWithOtherKey ? OtherKeyPrivatePem : _policyKey.PrivateKeyPem, default);
        var envelope = DsseSigner.Sign(PolicyPayloadType, Encoding.UTF8.GetBytes(policy.ToJsonString()), [signer]);
        File.WriteAllText(PolicyPath, envelope.ToJson());
    }

    /// <summary>
    /// Moves the evidence into a directory next to two envelopes that cannot pass (another digest, another step) and
    /// leaves an unverifiable default sidecar behind; returns the directory and the one passing envelope line.
    /// </summary>
    internal (string Directory, string PassingLine) WriteEvidenceDirectory()
    {
        var passing = File.ReadAllText(Sidecar).TrimEnd('\n');
        WriteEvidence(new string('a', 64));
        var otherDigest = File.ReadAllText(Sidecar).TrimEnd('\n');
        WriteEvidence(TestPackages.Sha256(Package), stepName: "build");
        var otherStep = File.ReadAllText(Sidecar).TrimEnd('\n');
        var directory = Temp.Combine("evidence");
        Temp.WriteFile("evidence/other-digest.json", otherDigest);
        Temp.WriteFile("evidence/steps/all.intoto.jsonl", $"{otherStep}\n{passing}\n");
        File.WriteAllText(Sidecar, otherDigest + "\n");
        return (directory, passing);
    }

    internal string[] FeedEntries() => Directory.GetFileSystemEntries(Feed, "*", SearchOption.AllDirectories);

    public void Dispose() => Temp.Dispose();
}
