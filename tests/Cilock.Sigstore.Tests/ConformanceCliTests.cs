using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

/// <summary>
/// Conformance cases driven through the real <c>cilock verify-bundle</c> process with the flags the Sigstore
/// conformance suite passes, and the same cases through sigstore-js (differential check).
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class ConformanceCliTests
{
    public static IEnumerable<object[]> Cases() =>
    [
        ["happy-path-v0.1"], ["happy-path-v0.3"], ["intoto-with-custom-trust-root"], ["managed-key-and-trusted-root"],
        ["rekor2-timestamp-with-expired-cert-chain"], ["rekor2-checkpoint-multiple-cosigs"], ["trust-root-tlog-validity-end-inclusive"],
        ["signature-mismatch_fail"], ["checkpoint-bad-keyhint_fail"], ["bundle-with-root-cert_fail"], ["invalid-ct-key_fail"],
        ["dsse-mismatch-sig_fail"], ["rekor2-timestamp-payload-mismatch_fail"], ["inclusion-proof-corrupted-hash_fail"],
        ["bundle-invalid-base64-signature_fail"], ["message-digest-mismatch_fail"],
    ];

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void VerifyBundle_Cli_ExitCodeMatchesFolderName(string name)
    {
        var folder = ConformanceCases.Folder(name);
        using var temp = new TempDirectory();
        var result = CilockCli.Run(temp, ["verify-bundle", .. Arguments(folder, digestForm: name.StartsWith("happy", StringComparison.Ordinal))]);
        if (name.EndsWith("_fail", StringComparison.Ordinal))
        {
            Assert.AreEqual(1, result.ExitCode, result.Output);
            StringAssert.Matches(result.StandardError.Trim(), new System.Text.RegularExpressions.Regex("^cilock: error CIL60[0-9]{2}: [^\n]+$"));
        }
        else
        {
            Assert.AreEqual(0, result.ExitCode, result.Output);
            StringAssert.StartsWith(result.StandardOutput, "OK: verified");
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void VerifyBundle_SigstoreJs_AgreesWithOurVerdict(string name)
    {
        var folder = ConformanceCases.Folder(name);
        var ours = ConformanceTests.Run(folder).Verified;
        var (exit, output) = Validators.Run("verify-sigstore-bundle.sh", Arguments(folder, digestForm: false, sigstoreJs: true));
        Assert.AreEqual(ours, exit == 0, $"sigstore-js: {output}");
    }

    [TestMethod]
    [DataRow("--key", "k.pub", "--certificate-identity", "x")]
    [DataRow("--certificate-identity", "x")]
    [DataRow("--certificate-identity", "x", "--certificate-identity-regexp", "y", "--certificate-oidc-issuer", "z")]
    [DataRow("--staging", "--certificate-identity-regexp", "y")]
    public void VerifyBundle_ContradictoryOptions_Exit2(params string[] options)
    {
        var folder = ConformanceCases.Folder("happy-path-v0.3");
        using var temp = new TempDirectory();
        var result = CilockCli.Run(temp, ["verify-bundle", "--bundle", Path.Combine(folder, "bundle.sigstore.json"), .. options, Path.Combine(folder, "..", "a.txt")]);
        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "CIL6006");
    }

    private static string[] Arguments(string folder, bool digestForm, bool sigstoreJs = false)
    {
        var args = new List<string> { "--bundle", Path.Combine(folder, "bundle.sigstore.json") };
        if (File.Exists(Path.Combine(folder, "key.pub")))
        {
            args.AddRange(["--key", Path.Combine(folder, "key.pub")]);
        }
        else
        {
            args.AddRange(["--certificate-identity", ConformanceTests.ReadOr(folder, "identity", ConformanceTests.DefaultIdentity)]);
            args.AddRange(["--certificate-oidc-issuer", ConformanceTests.ReadOr(folder, "issuer", ConformanceTests.DefaultIssuer)]);
        }

        if (File.Exists(Path.Combine(folder, "trusted_root.json")))
        {
            args.AddRange(["--trusted-root", Path.Combine(folder, "trusted_root.json")]);
        }

        var artifact = File.Exists(Path.Combine(folder, "artifact")) ? Path.Combine(folder, "artifact") : Path.Combine(folder, "..", "a.txt");
        if (digestForm)
        {
            args.Add("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(artifact))));
        }
        else if (sigstoreJs)
        {
            args.AddRange(["--artifact", artifact]);
        }
        else
        {
            args.Add(artifact);
        }

        return [.. args];
    }
}
