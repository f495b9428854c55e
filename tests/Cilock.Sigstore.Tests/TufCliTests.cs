using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

/// <summary><c>cilock verify-bundle --tuf-url</c>: the trusted root comes from a loopback TUF repository, then from its verified cache.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class TufCliTests
{
    [TestMethod]
    public void VerifyBundle_TrustedRootFromTuf_VerifiesOnlineThenOfflineWithWarning()
    {
        var folder = ConformanceCases.Folder("intoto-with-custom-trust-root");
        using var temp = new TempDirectory();
        var rootFile = temp.Combine("root.json");
        string[] args;
        using (var repo = new TufTestRepository())
        {
            File.WriteAllBytes(rootFile, repo.PublishRoot(1, TufTestRepository.InAYear));
            repo.PublishTop(1, File.ReadAllBytes(Path.Combine(folder, "trusted_root.json")), TufTestRepository.InAYear);
            args =
            [
                "verify-bundle", "--bundle", Path.Combine(folder, "bundle.sigstore.json"),
                "--certificate-identity", ConformanceTests.DefaultIdentity, "--certificate-oidc-issuer", ConformanceTests.DefaultIssuer,
                "--tuf-url", repo.Url.ToString(), "--tuf-root", rootFile, "--tuf-cache", temp.Combine("tuf"),
                Path.Combine(folder, "artifact"),
            ];
            var online = CilockCli.Run(temp, args);
            Assert.AreEqual(0, online.ExitCode, online.Output);
            Assert.DoesNotContain("CIL6055", online.StandardError);
        }

        var offline = CilockCli.Run(temp, args);
        Assert.AreEqual(0, offline.ExitCode, offline.Output);
        StringAssert.Contains(offline.StandardError, "warning CIL6055");
    }
}
