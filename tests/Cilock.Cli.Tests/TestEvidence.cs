using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;

namespace Cilock.Cli.Tests;

/// <summary>Small signed evidence built with the library (no process), for inspect/verify tests.</summary>
internal static class TestEvidence
{
    public const string ProductDigest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /// <summary>A collection statement for step <paramref name="step"/> with one subject and one attestation.</summary>
    public static Statement Statement(string step = "build") => new(
        AttestationTypes.CollectionCilock,
        [new Subject("https://aflock.ai/attestations/product/v0.1/file:app.dll", [new("sha256", ProductDigest)])],
        JsonNode.Parse($$"""
            {"name":"{{step}}","attestations":[
              {"type":"https://aflock.ai/attestations/environment/v0.1","attestation":{"os":"linux"},
               "starttime":"2026-11-24T10:00:00.1234Z","endtime":"2026-11-24T10:00:00.2Z"}]}
            """));

    /// <summary>Signs <paramref name="statement"/> with the key at <paramref name="keyPath"/>.</summary>
    public static DsseEnvelope Sign(string keyPath, Statement? statement = null) =>
        DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, (statement ?? Statement()).ToJsonBytes(), [KeyLoader.LoadSigner(keyPath)]);

    /// <summary>The envelope with one payload byte changed (signature left as is).</summary>
    public static DsseEnvelope TamperPayload(DsseEnvelope envelope)
    {
        var payload = (byte[])envelope.Payload.Clone();
        var i = Array.IndexOf(payload, (byte)'b'); // inside "build"
        payload[i] = (byte)'B';
        return new DsseEnvelope(envelope.PayloadType, payload, envelope.Signatures);
    }
}
