using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Verification;
using Cilock.Policy.Evidence;
using Cilock.Sigstore.TrustedRoots;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

/// <summary>The Operations reader behind bundle evidence, on the Sigstore conformance bundles (no process).</summary>
[TestClass]
public sealed class BundleEvidenceReaderTests
{
    private const string Cases = "conformance/sigstore/bundle-verify";

    private static (string Bundle, string Root) Case(string name)
    {
        var folder = SharedData.Locate(Path.Combine(Cases, name));
        return (Path.Combine(folder, "bundle.sigstore.json"), Path.Combine(folder, "trusted_root.json"));
    }

    private static SigstoreBundleEvidenceReader Reader(Func<TrustedRoot> root) => new(root, [], TimeProvider.System);

    [TestMethod]
    public void Read_DsseInTotoBundleWithItsTrustedRoot_EnvelopeWithProof()
    {
        var (bundle, root) = Case("intoto-with-custom-trust-root");

        var evidence = Reader(() => TrustedRoot.Load(root)).Read(bundle, File.ReadAllBytes(bundle));

        Assert.IsNotNull(evidence.Sigstore);
        Assert.IsNotEmpty(evidence.Sigstore.VerifiedTimes);
        var signature = evidence.Sigstore.Envelope.Signatures.Single();
        Assert.IsNotNull(signature.CertificatePem, "the proof envelope carries the leaf for the policy's root check");
        Assert.IsNotEmpty(signature.Timestamps, "the bundle's RFC 3161 tokens travel with the proof envelope");
        CollectionAssert.AreEqual(evidence.Envelope.Payload, evidence.Sigstore.Envelope.Payload);
    }

    [TestMethod]
    public void Read_DsseBundleAgainstOtherTrustedRoot_RejectedWithReason()
    {
        var (bundle, _) = Case("intoto-with-custom-trust-root");

        var e = Assert.ThrowsExactly<CilockException>(() => Reader(TrustedRoot.PublicGood).Read(bundle, File.ReadAllBytes(bundle)));

        Assert.AreEqual(EvidenceDiagnostics.BundleRejected, e.Code);
        StringAssert.StartsWith(e.Message, "CIL60");
    }

    [TestMethod]
    [DataRow("happy-path-v0.3")]
    [DataRow("managed-key-and-trusted-root")]
    public void Read_MessageSignatureBundle_NotEvidence(string name)
    {
        var (bundle, _) = Case(name);

        var e = Assert.ThrowsExactly<CilockException>(() => Reader(TrustedRoot.PublicGood).Read(bundle, File.ReadAllBytes(bundle)));

        Assert.AreEqual(EvidenceDiagnostics.BundleNotEvidence, e.Code);
    }

    [TestMethod]
    public void Read_NotABundle_RejectedNotCrashed()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => Reader(TrustedRoot.PublicGood).Read("x.sigstore.json", "{\"mediaType\":1}"u8.ToArray()));

        Assert.AreEqual(EvidenceDiagnostics.BundleRejected, e.Code);
    }
}
