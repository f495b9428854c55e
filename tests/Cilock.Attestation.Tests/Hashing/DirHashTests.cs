using Cilock.Attestation.Hashing;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Hashing;

[TestClass]
public sealed class DirHashTests
{
    [TestMethod]
    public async Task ComputeAsync_SpecDirectory_MatchesVector()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("a.txt", "A\n");
        dir.WriteFile("sub/b.txt", "B\n");
        Directory.CreateDirectory(dir.Combine("empty"));

        Assert.AreEqual("572559c36f086a6edd95dfb7c7b4c2a0c18f85cce9e05ef2010807d1040f22e9", await DirHash.ComputeAsync(dir.Path));
    }

    [TestMethod]
    public async Task ComputeAsync_ContentChange_ChangesHash()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("a.txt", "A\n");
        dir.WriteFile("sub/b.txt", "b\n");
        Assert.AreNotEqual("572559c36f086a6edd95dfb7c7b4c2a0c18f85cce9e05ef2010807d1040f22e9", await DirHash.ComputeAsync(dir.Path));
    }
}
