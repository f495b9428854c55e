using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Operations.Publishing;
using Cilock.Operations.Verification;

namespace Cilock.Hardening.Tests.Adversarial;

/// <summary>
/// A private copy of the <see cref="Pipeline"/> evidence, artifact and policy that one tamper case may change, plus the
/// helpers the cases use (read/re-sign statements, edit raw envelope JSON) and the two checks: verify and push.
/// </summary>
internal sealed class TamperWorkspace : IDisposable
{
    public TamperWorkspace(Pipeline baseline)
    {
        Baseline = baseline;
        Root = Path.Combine(Path.GetTempPath(), "cilock-tamper-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(EvidenceDirectory);
        Directory.CreateDirectory(Feed);
        foreach (var step in Pipeline.Steps)
        {
            File.Copy(Pipeline.EvidenceFile(baseline.EvidenceDirectory, step), EvidenceFile(step));
        }

        File.Copy(baseline.Package, Artifact);
        File.Copy(baseline.SignedPolicy, PolicyPath);
    }

    public Pipeline Baseline { get; }

    public string Root { get; }

    public string EvidenceDirectory => Path.Combine(Root, "evidence");

    public string Feed => Path.Combine(Root, "feed");

    public string Artifact => Path.Combine(Root, Pipeline.PackageFileName);

    public string PolicyPath => Path.Combine(Root, "policy.signed.json");

    public string EvidenceFile(string step) => Pipeline.EvidenceFile(EvidenceDirectory, step);

    public DsseEnvelope Envelope(string step) => DsseEnvelope.Parse(File.ReadAllText(EvidenceFile(step)));

    /// <summary>The envelope's raw JSON object (for edits below the DSSE model).</summary>
    public JsonObject RawEnvelope(string step) => JsonNode.Parse(File.ReadAllText(EvidenceFile(step)))!.AsObject();

    public void WriteRaw(string step, string text) => File.WriteAllText(EvidenceFile(step), text);

    public void WriteRaw(string step, byte[] bytes) => File.WriteAllBytes(EvidenceFile(step), bytes);

    public void Write(string step, DsseEnvelope envelope) => WriteRaw(step, envelope.ToJson());

    /// <summary>The decoded statement of <paramref name="step"/> as mutable JSON.</summary>
    public JsonObject Statement(string step) => JsonNode.Parse(Envelope(step).Payload)!.AsObject();

    /// <summary>The collection entry (attestation object) of the given attestor type fragment, e.g. "/product/".</summary>
    public static JsonObject Attestation(JsonObject statement, string typeFragment) =>
        statement["predicate"]!["attestations"]!.AsArray()
            .Select(e => e!.AsObject())
            .First(e => e["type"]!.GetValue<string>().Contains(typeFragment, StringComparison.Ordinal))["attestation"]!.AsObject();

    /// <summary>Signs <paramref name="payload"/> with the key named <paramref name="keyName"/> (a step key or "attacker").</summary>
    public void Sign(string step, byte[] payload, string keyName, string payloadType = DsseEnvelope.InTotoPayloadType) =>
        Write(step, DsseSigner.Sign(payloadType, payload, [KeyLoader.LoadSigner(Baseline.Key(keyName))]));

    public void Sign(string step, JsonObject statement, string keyName) =>
        Sign(step, Encoding.UTF8.GetBytes(statement.ToJsonString()), keyName);

    /// <summary>Keeps the original signatures but replaces the payload bytes.</summary>
    public void ReplacePayload(string step, byte[] payload)
    {
        var e = Envelope(step);
        Write(step, new DsseEnvelope(e.PayloadType, payload, e.Signatures));
    }

    /// <summary>
    /// <c>cilock verify -p policy -k policy.pub -f artifact -a FILE…</c>, in process. Files are named one by one: a
    /// directory scan skips JSON that does not look like an envelope without a word, a named file never is.
    /// </summary>
    public VerifyResult Verify() =>
        VerifyOperation.CreateDefault().Execute(new VerifyOptions(PolicyPath, [Baseline.PublicKey("policy")])
        {
            ArtifactFile = Artifact,
            Attestations = [.. Directory.EnumerateFiles(EvidenceDirectory).Order(StringComparer.Ordinal)],
        });

    /// <summary><c>cilock push artifact --source feed/ --policy … --attestations evidence/</c>, in process.</summary>
    public Cilock.Gate.Publishing.PublishResult Push() =>
        PushOperation.CreateDefault().Execute(new PushOptions(Artifact, Feed, PolicyPath, [Baseline.PublicKey("policy")])
        {
            Attestations = [EvidenceDirectory],
        });

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
