using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Tests.InToto;

[TestClass]
public sealed class GitoidTests
{
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("hello\n");

    [TestMethod]
    public void Compute_HelloSha1_MatchesGitHashObject() =>
        Assert.AreEqual("gitoid:blob:sha1:ce013625030ba8dba906f756967f9e9ca394464a", Gitoid.Compute(Hello, HashAlgorithmName.SHA1));

    [TestMethod]
    public void Compute_HelloSha256_MatchesSpecVector() =>
        Assert.AreEqual("gitoid:blob:sha256:2cf8d83d9ee29543b34a87727421fdecb7e3f3a183d337639025de576db9ebb4", Gitoid.Compute(Hello, HashAlgorithmName.SHA256));

    [TestMethod]
    public async Task ComputeAsync_Stream_EqualsSpanResult()
    {
        using var stream = new MemoryStream(Hello);
        Assert.AreEqual(Gitoid.Compute(Hello, HashAlgorithmName.SHA256), await Gitoid.ComputeAsync(stream, HashAlgorithmName.SHA256));
    }

    [TestMethod]
    public void FileDigester_AllAlgorithmsInOnePass_MatchSpecVectors()
    {
        var digest = FileDigester.Compute(Hello, [DigestSet.Sha256, DigestSet.Sha1, DigestSet.GitoidSha1, DigestSet.GitoidSha256]);
        Assert.AreEqual("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", digest[DigestSet.Sha256]);
        Assert.AreEqual("f572d396fae9206628714fb2ce00f72e94f2258f", digest[DigestSet.Sha1]);
        Assert.AreEqual("gitoid:blob:sha1:ce013625030ba8dba906f756967f9e9ca394464a", digest[DigestSet.GitoidSha1]);
        Assert.AreEqual("gitoid:blob:sha256:2cf8d83d9ee29543b34a87727421fdecb7e3f3a183d337639025de576db9ebb4", digest[DigestSet.GitoidSha256]);
    }
}
