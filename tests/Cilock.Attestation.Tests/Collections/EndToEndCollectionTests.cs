using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.InToto;
using Cilock.TestUtilities;
using LibGit2Sharp;

namespace Cilock.Attestation.Tests.Collections;

[TestClass]
public sealed class EndToEndCollectionTests
{
    [TestMethod]
    public async Task WitnessProfile_UsesOnlyW10TypesAndTheFiveDigestKeys()
    {
        using var dir = MakeRepository();
        var statement = await RecordAsync(dir, Dialect.Witness, [DigestSet.Sha256, DigestSet.GitoidSha1]);
        var bytes = statement.ToJsonBytes();

        var doc = CollectionReader.Read(bytes);
        Assert.AreEqual(AttestationTypes.CollectionWitness, doc.Statement.PredicateType);
        CollectionAssert.AreEquivalent(
            new[] { AttestationTypes.EnvironmentWitness, AttestationTypes.GitWitness, AttestationTypes.MaterialWitness, AttestationTypes.CommandRunWitness, AttestationTypes.ProductWitness },
            doc.Collection.Entries.Select(e => e.Type).ToArray());
        Assert.IsTrue(doc.Collection.Entries.All(e => AttestationTypes.IsWitnessLoadable(e.Type)));
        Assert.IsNull(JsonNode.Parse(bytes)!["predicate"]!["backrefs"]);

        // Every digest object anywhere in the payload may only use the five Go names.
        foreach (var digest in DigestObjects(JsonNode.Parse(bytes)))
        {
            Assert.IsTrue(digest.All(kv => DigestSet.IsKnownAlgorithm(kv.Key)), digest.ToJsonString());
        }

        Assert.IsTrue(doc.Statement.Subjects.Any(s => s.Name == AttestationTypes.ProductWitness + "/file:out/app.txt"));
        Assert.IsTrue(doc.Statement.Subjects.Any(s => s.Name.StartsWith(AttestationTypes.GitWitness + "/commithash:", StringComparison.Ordinal)));
        Assert.AreEqual(2, doc.Collection.Entries.Single(e => e.Type == AttestationTypes.CommandRunWitness).AsCommandRun()!.ExitCode);
    }

    [TestMethod]
    public async Task CilockDialect_TreesVerifyAndBackrefsMatchSubjects()
    {
        using var dir = MakeRepository();
        var statement = await RecordAsync(dir, Dialect.Cilock, [DigestSet.Sha256]);

        var doc = CollectionReader.Read(statement.ToJsonBytes());
        Assert.AreEqual(AttestationTypes.CollectionCilock, doc.Statement.PredicateType);
        var material = doc.Collection.OfType(AttestationTypes.MaterialCilock).Single().AsMaterial()!;
        var product = doc.Collection.OfType(AttestationTypes.ProductCilock).Single().AsProduct()!;
        Assert.AreEqual(MerkleConstruction.ContentOnly, MerkleTree.Verify(material.Tree!).Construction);
        Assert.IsTrue(MerkleTree.Verify(product.Tree!).IsValid);
        CollectionAssert.AreEqual(new[] { "out/app.txt" }, product.Files.Keys.ToArray());
        Assert.IsFalse(material.Files.ContainsKey("out/app.txt"));

        var subjects = doc.Statement.Subjects.ToDictionary(s => s.Name, s => s.Digest.GetValueOrDefault("sha256"));
        Assert.AreEqual(product.Tree!.MerkleRoot, subjects[AttestationTypes.ProductCilock + "/tree:products"]);
        Assert.AreEqual(material.Tree!.MerkleRoot, doc.Collection.Backrefs![AttestationTypes.MaterialCilock + "/tree:materials"].Sha256Hex);
        Assert.AreEqual(2, doc.Collection.OfType(AttestationTypes.CommandRunCilock).Single().AsCommandRun()!.ExitCode);
        CollectionAssert.AreEqual(
            doc.Statement.Subjects.Select(s => s.Name).Order(StringComparer.Ordinal).ToArray(),
            doc.Statement.Subjects.Select(s => s.Name).ToArray());
    }

    private static async Task<Statement> RecordAsync(TempDirectory dir, Dialect dialect, IReadOnlyList<string> hashes)
    {
        var options = new AttestationContextOptions
        {
            WorkingDirectory = dir.Path,
            StepName = "build",
            Dialect = dialect,
            Hashes = hashes,
            Environment = new Dictionary<string, string> { ["CI"] = "true", ["NUGET_API_KEY"] = "oy2secretsecretsecret" },
        };
        var attestors = AttestorCatalog.CreateForRun(null, dir.Path, new AttestorOptions { Runner = new WritingRunner(dir), Command = ["build"] });
        var run = await new AttestationContext(options, attestors).RunAsync();
        Assert.IsTrue(run.Succeeded, string.Join("; ", run.Diagnostics.Select(d => d.Message)));
        return CollectionBuilder.Build(run, dialect);
    }

    private static TempDirectory MakeRepository()
    {
        var dir = new TempDirectory();
        dir.WriteFile("src/a.cs", "class A {}");
        Repository.Init(dir.Path);
        using var repo = new Repository(dir.Path);
        Commands.Stage(repo, "*");
        var who = new Signature("Ci", "ci@example.com", DateTimeOffset.UnixEpoch);
        repo.Commit("init", who, who);
        return dir;
    }

    private static IEnumerable<JsonObject> DigestObjects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    // Named digest members, and path-keyed maps whose values look like digest sets (material v0.1).
                    if (value is JsonObject d && (key is "digest" or "digests" || LooksLikeDigest(d)))
                    {
                        yield return d;
                    }

                    foreach (var nested in DigestObjects(value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    foreach (var nested in DigestObjects(item))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }

    private static bool LooksLikeDigest(JsonObject o) =>
        o.Count > 0 && o.All(kv => kv.Value is JsonValue) && o.Any(kv => kv.Key.StartsWith("sha", StringComparison.Ordinal) || kv.Key.StartsWith("gitoid", StringComparison.Ordinal));

    /// <summary>A command that writes one product and fails, without starting a process.</summary>
    private sealed class WritingRunner(TempDirectory dir) : ICommandRunner
    {
        public Task<CommandRecord> RunAsync(CommandInvocation invocation, CancellationToken ct)
        {
            dir.WriteFile("out/app.txt", "built\n");
            invocation.Stdout.Write("building\n");
            return Task.FromResult(new CommandRecord(invocation.Arguments, 2, "building\n", ""));
        }
    }
}
