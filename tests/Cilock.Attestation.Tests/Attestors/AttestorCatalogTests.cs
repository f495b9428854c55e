using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors;

[TestClass]
public sealed class AttestorCatalogTests
{
    [TestMethod]
    public void Create_UnknownName_ThrowsCil1036ListingKnownNames()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => AttestorCatalog.Create("nope", new AttestorOptions()));
        Assert.AreEqual("CIL1036", e.Code);
        StringAssert.Contains(e.Message, "environment");
    }

    [TestMethod]
    public void CreateForRun_AlwaysAddsMaterialAndProductAndCommandRunWhenCommandGiven()
    {
        using var dir = new TempDirectory();
        var attestors = AttestorCatalog.CreateForRun(["Environment"], dir.Path, new AttestorOptions { Command = ["echo", "hi"] });
        CollectionAssert.AreEqual(new[] { "environment", "material", "product", "command-run" }, attestors.Select(a => a.Name).ToArray());
    }

    [TestMethod]
    public void CreateForRun_DefaultsOutsideRepository_LeaveGitOut()
    {
        using var dir = new TempDirectory();
        var attestors = AttestorCatalog.CreateForRun(null, dir.Path, new AttestorOptions());
        CollectionAssert.AreEqual(new[] { "environment", "material", "product" }, attestors.Select(a => a.Name).ToArray());
    }

    [TestMethod]
    public void CreateForRun_FinishedCommand_RecordsWithoutRunning()
    {
        using var dir = new TempDirectory();
        var attestors = AttestorCatalog.CreateForRun([], dir.Path, new AttestorOptions { FinishedCommand = new CommandRecord(["csc"], 1) });
        Assert.IsInstanceOfType<CommandRunAttestor>(attestors.Single(a => a.Name == "command-run"));
    }

    [TestMethod]
    public void Create_CommandRunWithoutCommand_ThrowsCil1040() =>
        Assert.AreEqual("CIL1040", Assert.ThrowsExactly<CilockException>(() => AttestorCatalog.Create("command-run", new AttestorOptions())).Code);
}
