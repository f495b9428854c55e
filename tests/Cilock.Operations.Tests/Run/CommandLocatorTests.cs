using Cilock.Operations.Run;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Run;

[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
public sealed class CommandLocatorTests
{
    [TestMethod]
    public void Exists_BareNameOnPath_True()
    {
        Assert.IsTrue(CommandLocator.Exists("sh", "/", "/nonexistent:/bin:/usr/bin"));
    }

    [TestMethod]
    public void Exists_BareNameNotOnPath_False()
    {
        Assert.IsFalse(CommandLocator.Exists("cilock-no-such-tool", "/", "/bin:/usr/bin"));
        Assert.IsFalse(CommandLocator.Exists("sh", "/", ""), "an empty PATH finds nothing outside the app and current folders");
    }

    [TestMethod]
    public void Exists_PathWithSlash_ResolvedAgainstWorkingDirectory()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("tools/build.sh", "#!/bin/sh\n");

        Assert.IsTrue(CommandLocator.Exists("./tools/build.sh", dir.Path, null));
        Assert.IsTrue(CommandLocator.Exists(dir.Combine("tools", "build.sh"), "/", null));
        Assert.IsFalse(CommandLocator.Exists("./tools/missing.sh", dir.Path, "/bin"));
    }

    [TestMethod]
    public void Exists_Empty_False()
    {
        Assert.IsFalse(CommandLocator.Exists("", "/", "/bin"));
    }
}
