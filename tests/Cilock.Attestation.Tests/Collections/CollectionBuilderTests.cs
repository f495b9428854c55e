using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Tests.Context;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Collections;

[TestClass]
public sealed class CollectionBuilderTests
{
    private static readonly DigestSet D1 = DigestSet.FromSha256("06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0");
    private static readonly DigestSet D2 = DigestSet.FromSha256("c0cde77fa8fef97d476c10aad3d2d54fcc2f336140d073651c2dcccf1e379fd6");

    [TestMethod]
    public async Task Build_Subjects_ArePrefixedWithTypeAndSortedOrdinally()
    {
        var run = await Run(
            new FakeAttestor("z", AttestationPhase.PreMaterial, "https://aflock.ai/attestations/zeta/v0.1") { Subjects = new() { ["b:key"] = D1, ["A:key"] = D2 } },
            new FakeAttestor("a", AttestationPhase.Execute, "https://aflock.ai/attestations/alpha/v0.1") { Subjects = new() { ["x"] = D1 } });

        var statement = CollectionBuilder.Build(run, Dialect.Cilock);

        CollectionAssert.AreEqual(
            new[]
            {
                "https://aflock.ai/attestations/alpha/v0.1/x",
                "https://aflock.ai/attestations/zeta/v0.1/A:key",
                "https://aflock.ai/attestations/zeta/v0.1/b:key",
            },
            statement.Subjects.Select(s => s.Name).ToArray());
        Assert.AreEqual(Statement.TypeV01, statement.Type);
        Assert.AreEqual(AttestationTypes.CollectionCilock, statement.PredicateType);
    }

    [TestMethod]
    public async Task ToJsonBytes_NoSubjects_WritesEmptyArray()
    {
        var run = await Run(new FakeAttestor("a", AttestationPhase.Execute));
        var json = Encoding.UTF8.GetString(CollectionBuilder.Build(run, Dialect.Cilock).ToJsonBytes());
        StringAssert.Contains(json, "\"subject\":[]");
    }

    [TestMethod]
    public async Task Build_Backrefs_OnlyInCilockDialect()
    {
        var run = await Run(new FakeAttestor("m", AttestationPhase.Material, AttestationTypes.MaterialWitness) { BackRefs = new() { ["tree:materials"] = D1 } });

        var cilock = JsonNode.Parse(CollectionBuilder.Build(run, Dialect.Cilock).ToJsonBytes())!;
        var witness = JsonNode.Parse(CollectionBuilder.Build(run, Dialect.Witness).ToJsonBytes())!;

        Assert.AreEqual(D1.Sha256Hex, cilock["predicate"]!["backrefs"]![AttestationTypes.MaterialWitness + "/tree:materials"]!["sha256"]!.GetValue<string>());
        Assert.IsNull(witness["predicate"]!["backrefs"]);
        Assert.AreEqual(AttestationTypes.CollectionWitness, witness["predicateType"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Build_WitnessProfile_DropsTypesW10CannotLoad()
    {
        var run = await Run(
            new FakeAttestor("tests", AttestationPhase.PostProduct, "https://aflock.ai/attestations/test-results/v0.1") { Subjects = new() { ["test-suite:x"] = D1 } },
            new FakeAttestor("env", AttestationPhase.PreMaterial, AttestationTypes.EnvironmentWitness));
        var diagnostics = new List<Diagnostic>();

        var statement = CollectionBuilder.Build(run, Dialect.Witness, diagnostics);
        var collection = CollectionReader.ReadCollection(statement.Predicate);

        CollectionAssert.AreEqual(new[] { AttestationTypes.EnvironmentWitness }, collection.Entries.Select(e => e.Type).ToArray());
        Assert.AreEqual(0, statement.Subjects.Count);
        Assert.AreEqual("CIL1045", diagnostics.Single().Code);
    }

    [TestMethod]
    [DataRow(Dialect.Cilock)]
    [DataRow(Dialect.Witness)]
    public async Task Build_OptionalAttestorWithoutEvidence_LeftOutSilently(Dialect dialect)
    {
        var run = await Run(
            new NothingFound(),
            new FakeAttestor("env", AttestationPhase.PreMaterial, AttestationTypes.EnvironmentWitness));
        var diagnostics = new List<Diagnostic>();

        var statement = CollectionBuilder.Build(run, dialect, diagnostics);

        Assert.AreEqual(1, CollectionReader.ReadCollection(statement.Predicate).Entries.Count);
        Assert.IsEmpty(diagnostics);
    }

    // A product reader that found no report: nothing to record and nothing to warn about.
    private sealed class NothingFound : IAttestor, IOptionalEvidence
    {
        public string Name => "reader";

        public AttestationPhase Phase => AttestationPhase.PostProduct;

        public bool HasEvidence => false;

        public string PredicateType(Dialect dialect) => "https://aflock.ai/attestations/test-results/v0.1";

        public ValueTask AttestAsync(AttestationContext context, CancellationToken ct) => ValueTask.CompletedTask;

        public JsonNode? ToJson(Dialect dialect) => null;
    }

    [TestMethod]
    public async Task Build_FailedAttestor_IsLeftOut()
    {
        var run = await Run(
            new FakeAttestor("bad", AttestationPhase.PreMaterial) { OnAttest = (_, _) => throw new CilockException("CIL1044", "x"), Subjects = new() { ["k"] = D1 } },
            new FakeAttestor("good", AttestationPhase.Execute, "https://aflock.ai/attestations/good/v0.1"));
        var statement = CollectionBuilder.Build(run, Dialect.Cilock);
        Assert.AreEqual(1, CollectionReader.ReadCollection(statement.Predicate).Entries.Count);
        Assert.AreEqual(0, statement.Subjects.Count);
    }

    [TestMethod]
    public async Task Build_RoundTripsThroughReaderWithRfc3339Times()
    {
        var run = await Run(new FakeAttestor("a", AttestationPhase.Execute, "https://aflock.ai/attestations/a/v0.1") { Subjects = new() { ["k"] = D1 } });
        var bytes = CollectionBuilder.Build(run, Dialect.Cilock).ToJsonBytes();

        var doc = CollectionReader.Read(bytes);
        var entry = doc.Collection.Entries.Single();
        Assert.AreEqual("build", doc.Collection.Name);
        Assert.AreEqual(run.Attestors[0].StartTime, entry.StartTime);
        Assert.IsTrue(doc.Statement.Subjects.Single().ToDigestSet().Matches(D1));
        StringAssert.Matches(JsonNode.Parse(bytes)!["predicate"]!["attestations"]![0]!["starttime"]!.GetValue<string>(), new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$"));
    }

    private static async Task<AttestationRun> Run(params IAttestor[] attestors)
    {
        using var dir = new TempDirectory();
        return await new AttestationContext(AttestationContextTests.Options(dir), attestors).RunAsync();
    }
}
