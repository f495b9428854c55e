using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Keyless;
using Cilock.Sigstore.Signing;

namespace Cilock.Operations.Tests.Keyless;

[TestClass]
public sealed class KeylessSigningSelectionTests
{
    private static readonly Dictionary<string, string> Laptop = new() { ["PATH"] = "/usr/bin", ["HOME"] = "/home/dev" };

    private static readonly Dictionary<string, string> GitLab = new() { ["SIGSTORE_ID_TOKEN"] = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2dpdGxhYi5jb20iLCJzdWIiOiJwcm9qZWN0X3BhdGg6YS9iIn0." };

    [TestMethod]
    [DataRow(SigningMode.Auto, false, false, false)]
    [DataRow(SigningMode.Auto, true, false, false)]
    [DataRow(SigningMode.Auto, false, true, true)]
    [DataRow(SigningMode.Auto, true, true, false)]
    [DataRow(SigningMode.Key, false, true, false)]
    [DataRow(SigningMode.Keyless, false, true, true)]
    public void Prepare_ModeKeyAndToken_SelectsSigner(SigningMode mode, bool keyConfigured, bool ciToken, bool keyless)
    {
        var signer = KeylessEvidenceSigner.Prepare(new KeylessSigningSettings { Mode = mode }, keyConfigured, ciToken ? GitLab : Laptop);

        Assert.AreEqual(keyless, signer is not null);
    }

    [TestMethod]
    public void Prepare_KeylessOnLaptop_Cil6100()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => KeylessEvidenceSigner.Prepare(new KeylessSigningSettings { Mode = SigningMode.Keyless }, false, Laptop));

        Assert.AreEqual(KeylessDiagnostics.NoIdentityToken, e.Code);
        StringAssert.Contains(e.Message, "id-token: write");
    }

    [TestMethod]
    public void Prepare_KeylessWithKey_Cil6109() =>
        Assert.AreEqual(KeylessDiagnostics.InvalidOptions, Assert.ThrowsExactly<CilockException>(() =>
            KeylessEvidenceSigner.Prepare(new KeylessSigningSettings { Mode = SigningMode.Keyless }, true, GitLab)).Code);

    [TestMethod]
    public void Prepare_AutoWithTokenFileOnLaptop_Keyless() =>
        Assert.IsNotNull(KeylessEvidenceSigner.Prepare(new KeylessSigningSettings { IdentityTokenFile = "/run/secrets/token" }, false, Laptop));

    [TestMethod]
    [DataRow("http://fulcio.example.com", KeylessDiagnostics.UrlRefused)]
    [DataRow("not a url", KeylessDiagnostics.InvalidOptions)]
    public void Prepare_BadFulcioUrl_CodedBeforeAnyWork(string url, string code) =>
        Assert.AreEqual(code, Assert.ThrowsExactly<CilockException>(() =>
            KeylessEvidenceSigner.Prepare(new KeylessSigningSettings { Mode = SigningMode.Keyless, FulcioUrl = url }, false, GitLab)).Code);

    [TestMethod]
    public void Prepare_UnknownEntryKind_Cil6109() =>
        Assert.AreEqual(KeylessDiagnostics.InvalidOptions, Assert.ThrowsExactly<CilockException>(() =>
            KeylessEvidenceSigner.Prepare(new KeylessSigningSettings { Mode = SigningMode.Keyless, RekorEntryKind = "rekord" }, false, GitLab)).Code);

    [TestMethod]
    [DataRow(null, SigningMode.Auto)]
    [DataRow("", SigningMode.Auto)]
    [DataRow(" Keyless ", SigningMode.Keyless)]
    [DataRow("KEY", SigningMode.Key)]
    public void ParseMode_Values_Parsed(string? value, SigningMode expected) =>
        Assert.AreEqual(expected, KeylessSigningSettings.ParseMode(value));

    [TestMethod]
    public void ParseMode_Unknown_Cil6109() =>
        Assert.AreEqual(KeylessDiagnostics.InvalidOptions, Assert.ThrowsExactly<CilockException>(() => KeylessSigningSettings.ParseMode("sigstore")).Code);
}
