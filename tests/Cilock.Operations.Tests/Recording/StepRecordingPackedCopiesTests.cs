using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Recording;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Recording;

/// <summary>
/// <see cref="StepRecordingOperation.WithPackedOutputCopies"/>: the bin/ copies of the obj/ files pack read become
/// materials only when byte-identical, so <c>artifactsFrom: ["build"]</c> compares the packed bytes with the build.
/// </summary>
[TestClass]
public sealed class StepRecordingPackedCopiesTests
{
    [TestMethod]
    public void WithPackedOutputCopies_IdenticalCopy_AddedToMaterials()
    {
        using var dir = new TempDirectory();
        var (packed, copy) = Pair(dir, "same", "same");
        var options = StepRecordingOperationTests.Options(dir, "pack", "pack.intoto.json") with { Materials = [packed] };

        var result = StepRecordingOperation.WithPackedOutputCopies(options, [(packed, copy)]);

        CollectionAssert.AreEqual(new[] { packed, copy }, result.Materials.ToArray());
    }

    [TestMethod]
    public void WithPackedOutputCopies_CopyChangedAfterBuild_RefusedWithCil2008()
    {
        using var dir = new TempDirectory();
        var (packed, copy) = Pair(dir, "compiled", "tampered");
        var options = StepRecordingOperationTests.Options(dir, "pack", "pack.intoto.json") with { Materials = [packed] };

        var e = Assert.ThrowsExactly<CilockException>(() => StepRecordingOperation.WithPackedOutputCopies(options, [(packed, copy)]));

        Assert.AreEqual(RecordingDiagnostics.PackedCopyDiffers, e.Code);
        StringAssert.Contains(e.Message, copy);
    }

    [TestMethod]
    public void WithPackedOutputCopies_MissingFileOrSamePath_Unchanged()
    {
        using var dir = new TempDirectory();
        var (packed, _) = Pair(dir, "a", "a");
        var options = StepRecordingOperationTests.Options(dir, "pack", "pack.intoto.json") with { Materials = [packed] };

        var result = StepRecordingOperation.WithPackedOutputCopies(options, [(packed, dir.Combine("bin", "gone.dll")), (packed, packed)]);

        Assert.AreSame(options, result);
    }

    private static (string Packed, string Copy) Pair(TempDirectory dir, string packedText, string copyText)
    {
        Directory.CreateDirectory(dir.Combine("obj"));
        Directory.CreateDirectory(dir.Combine("bin"));
        File.WriteAllText(dir.Combine("obj", "Lib.dll"), packedText);
        File.WriteAllText(dir.Combine("bin", "Lib.dll"), copyText);
        return (dir.Combine("obj", "Lib.dll"), dir.Combine("bin", "Lib.dll"));
    }
}
