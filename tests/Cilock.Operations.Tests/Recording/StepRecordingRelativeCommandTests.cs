using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Recording;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Recording;

/// <summary><see cref="StepRecordingOperation.WithRelativeCommandPaths"/>: the test step's command without machine paths.</summary>
[TestClass]
public sealed class StepRecordingRelativeCommandTests
{
    [TestMethod]
    public void WithRelativeCommandPaths_PathsInsideRoot_RelativeWithSlashes()
    {
        using var dir = new TempDirectory();
        var options = StepRecordingOperationTests.Options(dir, "test", "test.intoto.json") with
        {
            Command = ["test", dir.Combine("tests", "A.Tests", "bin", "A.Tests.dll"), "--results-directory", dir.Combine("obj", "tr") + Path.DirectorySeparatorChar, "--filter", "X"],
        };

        var result = StepRecordingOperation.WithRelativeCommandPaths(options);

        CollectionAssert.AreEqual(new[] { "test", "tests/A.Tests/bin/A.Tests.dll", "--results-directory", "obj/tr/", "--filter", "X" }, result.Command!.ToArray(), string.Join(" | ", result.Command!));
    }

    [TestMethod]
    public void WithRelativeCommandPaths_PathsOutsideRootOrPrefixSiblings_Unchanged()
    {
        using var dir = new TempDirectory();
        using var other = new TempDirectory();
        var sibling = dir.Path + "-sibling" + Path.DirectorySeparatorChar + "x.dll";
        var options = StepRecordingOperationTests.Options(dir, "test", "test.intoto.json") with
        {
            Command = ["test", other.Combine("B.dll"), sibling, dir.Path],
        };

        var result = StepRecordingOperation.WithRelativeCommandPaths(options);

        CollectionAssert.AreEqual(new[] { "test", other.Combine("B.dll"), sibling, dir.Path }, result.Command!.ToArray(),
            "only paths strictly inside the root are rewritten");
    }

    [TestMethod]
    public void WithRelativeCommandPaths_NoWorkingDirectory_GitRootIsTheBase()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine(".git"));
        Directory.CreateDirectory(dir.Combine("src", "App"));
        var options = StepRecordingOperationTests.Options(dir, "test", "test.intoto.json") with
        {
            WorkingDirectory = null,
            ProjectDirectory = dir.Combine("src", "App"),
            Command = ["test", dir.Combine("src", "App", "bin", "App.dll")],
        };

        CollectionAssert.AreEqual(new[] { "test", "src/App/bin/App.dll" }, StepRecordingOperation.WithRelativeCommandPaths(options).Command!.ToArray());
    }

    [TestMethod]
    public void WithRelativeCommandPaths_MissingWorkingDirectory_Cil2005()
    {
        using var dir = new TempDirectory();
        var options = StepRecordingOperationTests.Options(dir, "test", "test.intoto.json") with
        {
            WorkingDirectory = dir.Combine("missing"),
            Command = ["test", dir.Combine("A.dll")],
        };

        var e = Assert.ThrowsExactly<CilockException>(() => StepRecordingOperation.WithRelativeCommandPaths(options));

        Assert.AreEqual("CIL2005", e.Code);
    }

    [TestMethod]
    public void WithRelativeCommandPaths_NoCommand_SameOptions()
    {
        using var dir = new TempDirectory();
        var options = StepRecordingOperationTests.Options(dir, "test", "test.intoto.json");

        Assert.AreSame(options, StepRecordingOperation.WithRelativeCommandPaths(options));
    }
}
