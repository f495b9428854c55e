using Cilock.Attestation.Attestors;
using Cilock.Policy.Evidence;
using Cilock.Policy.Model;

namespace Cilock.Policy.Tests.Support;

/// <summary>
/// A three-step pipeline build → test → pack with a different functionary per step (fixtures.md §4.6): test and
/// pack consume the build's <c>bin/App.dll</c>; pack produces <c>App.1.0.0.nupkg</c>, the verified artifact.
/// </summary>
internal sealed class Pipeline
{
    public const string Dll = "assembly bytes";
    public const string Nupkg = "package bytes";

    public Pipeline(Dialect dialect = Dialect.Cilock)
    {
        Dialect = dialect;
        Build = new CollectionSpec("build", dialect);
        Build.Materials["src/Program.cs"] = "class Program {}";
        Build.Materials["App.csproj"] = "<Project />";
        Build.Products["bin/App.dll"] = Dll;
        Test = new CollectionSpec("test", dialect) { CommandRun = new() { ["cmd"] = new System.Text.Json.Nodes.JsonArray("dotnet", "test"), ["exitcode"] = 0 } };
        Test.Materials["bin/App.dll"] = Dll;
        Test.Products["TestResults/results.trx"] = "<TestRun outcome=\"Passed\" />";
        Pack = new CollectionSpec("pack", dialect) { CommandRun = new() { ["cmd"] = new System.Text.Json.Nodes.JsonArray("dotnet", "pack"), ["exitcode"] = 0 } };
        Pack.Materials["bin/App.dll"] = Dll;
        Pack.Products["App.1.0.0.nupkg"] = Nupkg;
    }

    public Dialect Dialect { get; }

    public CollectionSpec Build { get; }

    public CollectionSpec Test { get; }

    public CollectionSpec Pack { get; }

    public TestKey BuildKey { get; } = TestKey.Create();

    public TestKey TestKey { get; } = TestKey.Create(Cilock.Attestation.Signing.KeyAlgorithm.Ed25519);

    public TestKey PackKey { get; } = TestKey.Create();

    public TestKey PolicyKey { get; } = TestKey.Create();

    public static string ArtifactSha256 => CollectionSpec.Sha(Nupkg);

    public PolicyDocument Policy() => Policies.Create(
        [BuildKey, TestKey, PackKey],
        Policies.Step("build", [BuildKey], [Build.MaterialType, Build.CommandRunType, Build.ProductType]),
        Policies.Step("test", [TestKey], [Test.MaterialType, Test.CommandRunType, Test.ProductType], "build"),
        Policies.Step("pack", [PackKey], [Pack.MaterialType, Pack.ProductType], "build"));

    public List<EvidenceEnvelope> Sign() => [Build.Sign(BuildKey.Signer), Test.Sign(TestKey.Signer), Pack.Sign(PackKey.Signer)];
}
