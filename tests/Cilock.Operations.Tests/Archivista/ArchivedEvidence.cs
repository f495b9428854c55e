using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;

namespace Cilock.Operations.Tests.Archivista;

/// <summary>Small signed collections linked by subjects and backrefs, for search and bundle tests.</summary>
internal static class ArchivedEvidence
{
    public static string Digest(char c) => new(c, 64);

    /// <summary>A cilock collection for <paramref name="step"/> with a product subject and optional recorded backrefs.</summary>
    public static DsseEnvelope Collection(ISigner signer, string step, string subjectDigest, string? backrefDigest = null, bool witness = false, string fileName = "app.dll")
    {
        var predicate = new JsonObject
        {
            ["name"] = step,
            ["attestations"] = new JsonArray(new JsonObject
            {
                ["type"] = witness ? "https://witness.dev/attestations/environment/v0.1" : "https://aflock.ai/attestations/environment/v0.1",
                ["attestation"] = new JsonObject { ["os"] = "linux", ["hostname"] = "h", ["username"] = "u" },
                ["starttime"] = "2026-11-24T10:00:00Z",
                ["endtime"] = "2026-11-24T10:00:01Z",
            }),
        };
        if (backrefDigest is not null && !witness)
        {
            predicate["backrefs"] = new JsonObject { ["https://aflock.ai/attestations/git/v0.1/commithash:x"] = new JsonObject { ["sha256"] = backrefDigest } };
        }

        var type = witness ? AttestationTypes.CollectionWitness : AttestationTypes.CollectionCilock;
        var productType = witness ? AttestationTypes.ProductWitness : AttestationTypes.ProductCilock;
        var statement = new Statement(type, [new Subject($"{productType}/file:{fileName}", [new("sha256", subjectDigest)])], predicate);
        return DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, statement.ToJsonBytes(), [signer]);
    }
}
