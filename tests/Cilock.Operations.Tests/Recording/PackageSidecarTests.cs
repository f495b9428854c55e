using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Recording;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Recording;

[TestClass]
public sealed class PackageSidecarTests
{
    [TestMethod]
    public void Write_StepsLinkedByDigest_IncludesBuildTestPackAndSkipsStaleEvidence()
    {
        using var dir = new TempDirectory();
        var op = StepRecordingOperationTests.Operation;
        var dll = dir.WriteFile("lib/bin/Lib.dll", "library v2");
        var stale = dir.WriteFile("lib/bin/Old.dll", "library v1");
        var copy = dir.WriteFile("tests/bin/Lib.dll", "library v2");
        var trx = dir.WriteFile("tests/results.trx", "<TestRun/>");
        var nupkg = dir.WriteFile("out/Lib.1.0.0.nupkg", "zip");

        var build = op.Execute(StepRecordingOperationTests.Options(dir, "build", "build.Release.intoto.json") with { Products = [dll] });
        var old = op.Execute(StepRecordingOperationTests.Options(dir, "build", "build.Debug.intoto.json") with { Products = [stale] });
        var unrelatedTest = op.Execute(StepRecordingOperationTests.Options(dir, "test", "linked/other.intoto.json") with { Materials = [stale], Products = [trx] });
        var test = op.Execute(StepRecordingOperationTests.Options(dir, "test", "linked/tests.intoto.json") with { Materials = [copy], Products = [trx] });
        var pack = op.Execute(StepRecordingOperationTests.Options(dir, "pack", "pack.intoto.json") with { Materials = [dll], Products = [nupkg] });

        var (sidecar, included) = PackageSidecar.Write(nupkg, pack.EnvelopePath!, [build.EnvelopePath!, old.EnvelopePath!, unrelatedTest.EnvelopePath!, test.EnvelopePath!, pack.EnvelopePath!]);

        Assert.AreEqual(nupkg + ".intoto.jsonl", sidecar);
        CollectionAssert.AreEqual(new[] { build.EnvelopePath, test.EnvelopePath, pack.EnvelopePath }, included.ToArray());
        var lines = DsseEnvelope.ReadJsonLines(File.ReadAllText(sidecar));
        Assert.HasCount(3, lines);
        CollectionAssert.AreEqual(DsseEnvelope.Parse(File.ReadAllText(build.EnvelopePath!)).Payload, lines[0].Payload, "payload bytes are copied, never re-serialized");
    }

    [TestMethod]
    public void Write_CorruptCandidate_ThrowsCil2007NamingTheFile()
    {
        using var dir = new TempDirectory();
        var nupkg = dir.WriteFile("Lib.1.0.0.nupkg", "zip");
        var pack = StepRecordingOperationTests.Operation.Execute(StepRecordingOperationTests.Options(dir, "pack", "pack.intoto.json") with { Products = [nupkg] });
        var corrupt = dir.WriteFile("evidence/build.intoto.json", "{\"payload\":");

        var e = Assert.ThrowsExactly<CilockException>(() => PackageSidecar.Write(nupkg, pack.EnvelopePath!, [corrupt]));

        Assert.AreEqual("CIL2007", e.Code);
        Assert.Contains(corrupt, e.Message);
        Assert.IsFalse(File.Exists(nupkg + ".intoto.jsonl"));
    }
}
