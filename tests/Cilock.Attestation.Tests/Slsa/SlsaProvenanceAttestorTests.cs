using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Attestors.Git;
using Cilock.Attestation.Attestors.Material;
using Cilock.Attestation.Attestors.Product;
using Cilock.Attestation.Attestors.Slsa;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Tests.Attestors.Ci;
using Cilock.TestUtilities;
using LibGit2Sharp;

namespace Cilock.Attestation.Tests.Slsa;

[TestClass]
public sealed class SlsaProvenanceAttestorTests
{
    private const string Secret = "oy2planted0secret0value0xyz";
    private static readonly DateTimeOffset Started = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Finished = Started.AddMinutes(1);

    [TestMethod]
    public async Task Attest_PackLikeStep_CilockShapeFromTheOtherAttestors()
    {
        using var dir = MakeRepository(out var commit);
        var env = Recorded("github-push.env");
        env["NUGET_API_KEY"] = Secret;
        var (slsa, statement) = await RecordAsync(dir, env, Dialect.Cilock, new GitHubAttestor(NoToken));

        var doc = CollectionReader.Read(statement.ToJsonBytes());
        var entry = doc.Collection.Entries.Single(e => e.Type == SlsaUris.CollectionPredicateType);
        var json = entry.Attestation!;
        var provenance = SlsaProvenance.FromJson(entry.Type, json);
        Assert.AreEqual("https://aflock.ai/slsa-build@v0.1", provenance.BuildType);
        Assert.AreEqual("https://aflock.ai/attestation-github-action-builder@v0.1", provenance.BuilderId);
        Assert.AreEqual(SlsaBuilderKind.GitHubAction, slsa.BuilderKind);
        Assert.AreEqual("https://github.com/octo-org/hello-lib/actions/runs/9876543210", provenance.InvocationId);
        Assert.AreEqual("dotnet pack HelloLib.csproj -c Release", provenance.Command);
        Assert.AreEqual(Started, provenance.StartedOn);
        Assert.AreEqual(Finished, provenance.FinishedOn);
        Assert.AreEqual("2026-11-24T10:00:00Z", (string?)json["runDetails"]!["metadata"]!["startedOn"]);

        // Git remote (credentials stripped) at the HEAD commit, then the materials by name.
        var remote = provenance.ResolvedDependencies[0];
        Assert.AreEqual("https://github.com/acme/app.git", remote.Name);
        Assert.AreEqual(commit, remote.Digest["sha1"]);
        var material = provenance.ResolvedDependencies.Single(d => d.Name == "src/a.cs");
        Assert.AreEqual(FileSha256(dir.Combine("src", "a.cs")), material.Digest["sha256"]);

        // The environment as the environment attestor recorded it: the planted secret is masked.
        Assert.AreEqual("******", (string?)provenance.InternalParameters!["env"]!["NUGET_API_KEY"]);
        Assert.AreEqual("octo-org/hello-lib", (string?)provenance.InternalParameters["env"]!["GITHUB_REPOSITORY"]);
        var payload = Encoding.UTF8.GetString(statement.ToJsonBytes());
        Assert.IsFalse(payload.Contains(Secret, StringComparison.Ordinal), "a secret value reached the evidence");
        Assert.IsFalse(payload.Contains("hunter2", StringComparison.Ordinal), "a remote credential reached the evidence");

        // Subjects: file:<product> under the provenance type.
        var subject = doc.Statement.Subjects.Single(s => s.Name == SlsaUris.CollectionPredicateType + "/file:bin/HelloLib.1.0.0.nupkg");
        Assert.AreEqual(FileSha256(dir.Combine("bin", "HelloLib.1.0.0.nupkg")), subject.Digest["sha256"]);
    }

    [TestMethod]
    public async Task Attest_WitnessProfile_WitnessShapeAndOnlyRegisteredTypes()
    {
        using var dir = MakeRepository(out _);
        var (_, statement) = await RecordAsync(dir, Recorded("gitlab-mr.env"), Dialect.Witness, new GitLabAttestor(NoToken));

        var doc = CollectionReader.Read(statement.ToJsonBytes());
        Assert.IsTrue(doc.Collection.Entries.All(e => AttestationTypes.IsWitnessLoadable(e.Type)), string.Join(", ", doc.Collection.Entries.Select(e => e.Type)));
        var json = doc.Collection.Entries.Single(e => e.Type == SlsaUris.CollectionPredicateType).Attestation!;
        CollectionAssert.AreEqual(new[] { "build_definition", "run_details" }, json.AsObject().Select(p => p.Key).ToArray());
        Assert.AreEqual("https://witness.dev/slsa-build@v0.1", (string?)json["build_definition"]!["build_type"]);
        Assert.AreEqual("https://witness.dev/witness-gitlab-component-builder@v0.1", (string?)json["run_details"]!["builder"]!["id"]);
        Assert.AreEqual("https://gitlab.com/octo-group/hello-lib/-/pipelines/1400123456", (string?)json["run_details"]!["metadata"]!["invocation_id"]);
        Assert.AreEqual(Started.ToUnixTimeSeconds(), (long)json["run_details"]!["metadata"]!["started_on"]!["seconds"]!);
        Assert.IsNull(json["run_details"]!["metadata"]!["started_on"]!["nanos"], "nanos 0 is omitted (omitempty)");
        Assert.AreEqual("dotnet pack HelloLib.csproj -c Release", (string?)json["build_definition"]!["external_parameters"]!["command"]);
    }

    [TestMethod]
    public void WitnessRegistry_SpecTable_RegistersTheSlsaType()
    {
        // attestors.md §1, W10 column of the slsa row: the witness profile may keep the slsa attestation only because
        // Witness v0.10 registers this type.
        var row = File.ReadAllLines(SharedData.Locate("spec/attestors.md")).Single(l => l.StartsWith("| slsa |", StringComparison.Ordinal));

        Assert.AreEqual("`" + SlsaUris.CollectionPredicateType + "`", row.Split('|')[2].Trim());
        Assert.IsTrue(AttestationTypes.IsWitnessLoadable(SlsaUris.CollectionPredicateType));
    }

    [TestMethod]
    [DataRow("github-push.env", SlsaBuilderKind.GitHubAction, "https://github.com/octo-org/hello-lib/actions/runs/9876543210")]
    [DataRow("gitlab-mr.env", SlsaBuilderKind.GitLabComponent, "https://gitlab.com/octo-group/hello-lib/-/pipelines/1400123456")]
    [DataRow("azure-ci.env", SlsaBuilderKind.Default, "https://dev.azure.com/octo-org/Hello%20Lib/_build/results?buildId=4242")]
    public async Task Attest_CiPlatformAttestor_BuilderKindAndInvocation(string file, SlsaBuilderKind kind, string invocation)
    {
        var env = Recorded(file);
        var slsa = new SlsaProvenanceAttestor();
        using var dir = new TempDirectory();
        var run = await new AttestationContext(Options(dir.Path, env, Dialect.Cilock), [.. CiPlatforms.CreateDetected(env, NoToken), slsa]).RunAsync();

        Assert.IsTrue(run.Succeeded);
        Assert.AreEqual(kind, slsa.BuilderKind);
        Assert.AreEqual(invocation, slsa.ToProvenance(Dialect.Cilock)!.InvocationId);
        Assert.AreEqual(SlsaUris.BuilderId(kind, Dialect.Witness), slsa.ToProvenance(Dialect.Witness)!.BuilderId);
    }

    [TestMethod]
    [DataRow("JENKINS_URL=https://ci.example/;BUILD_URL=https://ci.example/job/app/7/", SlsaBuilderKind.JenkinsComponent, "https://ci.example/job/app/7/")]
    [DataRow("CODEBUILD_BUILD_ARN=arn:aws:codebuild:us-west-2:123456789012:build/app:42", SlsaBuilderKind.AwsCodeBuild, "arn:aws:codebuild:us-west-2:123456789012:build/app:42")]
    [DataRow("HOME=/home/dev", SlsaBuilderKind.Default, "")]
    public async Task Attest_PlatformWithoutAttestor_BuilderKindFromEnvironment(string variables, SlsaBuilderKind kind, string invocation)
    {
        var env = variables.Split(';').Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var slsa = new SlsaProvenanceAttestor();
        using var dir = new TempDirectory();
        await new AttestationContext(Options(dir.Path, env, Dialect.Cilock), [slsa]).RunAsync();

        Assert.AreEqual(kind, slsa.BuilderKind);
        Assert.AreEqual(invocation, slsa.ToProvenance(Dialect.Cilock)!.InvocationId);
    }

    [TestMethod]
    public async Task Attest_VerifiedCiTokenSha_NamelessCommitDependency()
    {
        using var stub = new OidcStub();
        stub.Claims["sha"] = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
        var env = Recorded("github-push.env");
        env[GitHubOidcToken.RequestUrlVariable] = OidcStub.TokenUrl;
        env[GitHubOidcToken.RequestTokenVariable] = "request-credential";
        env["WITNESS_GITHUB_JWKS_URL"] = OidcStub.JwksUrl;
        var slsa = new SlsaProvenanceAttestor();
        using var dir = new TempDirectory();
        await new AttestationContext(Options(dir.Path, env, Dialect.Cilock), [new GitHubAttestor(new CiAttestorOptions { HttpHandler = stub }), slsa]).RunAsync();

        var dependency = slsa.ToProvenance(Dialect.Cilock)!.ResolvedDependencies.Single();
        Assert.AreEqual("", dependency.Name);
        Assert.AreEqual("4b825dc642cb6eb9a060e54bf8d69288fbee4904", dependency.Digest["sha1"]);
        Assert.AreEqual("""{"digest":{"sha1":"4b825dc642cb6eb9a060e54bf8d69288fbee4904"}}""", dependency.ToJson(snakeCase: true).ToJsonString());
    }

    [TestMethod]
    public async Task Attest_NothingElseRan_MinimalShapes()
    {
        var slsa = new SlsaProvenanceAttestor();
        using var dir = new TempDirectory();
        await new AttestationContext(Options(dir.Path, new Dictionary<string, string>(), Dialect.Witness), [slsa]).RunAsync();

        Assert.AreEqual(
            """{"build_definition":{"build_type":"https://witness.dev/slsa-build@v0.1","internal_parameters":{}},"run_details":{"builder":{"id":"https://witness.dev/witness-default-builder@v0.1"},"metadata":{}}}""",
            slsa.ToJson(Dialect.Witness)!.ToJsonString());
        Assert.AreEqual(
            """{"buildDefinition":{"buildType":"https://aflock.ai/slsa-build@v0.1"},"runDetails":{"builder":{"id":"https://aflock.ai/attestation-default-builder@v0.1"},"metadata":{}}}""",
            slsa.ToJson(Dialect.Cilock)!.ToJsonString());
        Assert.AreEqual(0, slsa.GetSubjects(Dialect.Cilock).Count);
    }

    [TestMethod]
    public async Task Attest_CommandRunTimes_UsedWithoutStepTimes()
    {
        var time = new ManualTime(Started);
        var slsa = new SlsaProvenanceAttestor();
        using var dir = new TempDirectory();
        var options = Options(dir.Path, new Dictionary<string, string>(), Dialect.Cilock) with { TimeProvider = time };
        await new AttestationContext(options, [CommandRunAttestor.FromRecord(new CommandRecord(["make"], 0)), slsa]).RunAsync();

        var provenance = slsa.ToProvenance(Dialect.Cilock)!;
        Assert.AreEqual("make", provenance.Command);
        Assert.IsNotNull(provenance.StartedOn);
        Assert.IsTrue(provenance.StartedOn <= provenance.FinishedOn);
        Assert.IsTrue(provenance.StartedOn >= Started);
    }

    [TestMethod]
    public void AttestorCatalog_Slsa_SelectableByName()
    {
        var attestor = AttestorCatalog.Create("slsa", new AttestorOptions());

        Assert.IsInstanceOfType<SlsaProvenanceAttestor>(attestor);
        Assert.AreEqual(AttestationPhase.PostProduct, attestor.Phase);
        Assert.AreEqual("https://slsa.dev/provenance/v1.0", attestor.PredicateType(Dialect.Witness));
        Assert.IsTrue(AttestationTypes.IsWitnessLoadable(attestor.PredicateType(Dialect.Witness)));
    }

    private static readonly CiAttestorOptions NoToken = new() { RecordTokenClaims = false };

    private static async Task<(SlsaProvenanceAttestor Slsa, Statement Statement)> RecordAsync(TempDirectory dir, IReadOnlyDictionary<string, string> env, Dialect dialect, IAttestor ci)
    {
        var slsa = new SlsaProvenanceAttestor(Started, Finished);
        IAttestor[] attestors =
        [
            new EnvironmentAttestor(),
            new GitAttestor(),
            ci,
            new MaterialAttestor(new FileList(dir.Path, [dir.Combine("src", "a.cs")])),
            CommandRunAttestor.FromRecord(new CommandRecord(["dotnet", "pack", "HelloLib.csproj", "-c", "Release"], 0)),
            new ProductAttestor(new FileList(dir.Path, [dir.Combine("bin", "HelloLib.1.0.0.nupkg")])),
            slsa,
        ];
        var run = await new AttestationContext(Options(dir.Path, env, dialect), attestors).RunAsync();
        Assert.IsTrue(run.Succeeded, string.Join("; ", run.Diagnostics.Select(d => d.Message)));
        return (slsa, CollectionBuilder.Build(run, dialect));
    }

    private static AttestationContextOptions Options(string dir, IReadOnlyDictionary<string, string> env, Dialect dialect) =>
        new() { WorkingDirectory = dir, StepName = "pack", Dialect = dialect, Environment = env };

    private static TempDirectory MakeRepository(out string commit)
    {
        var dir = new TempDirectory();
        dir.WriteFile("src/a.cs", "class A {}");
        Repository.Init(dir.Path);
        using var repo = new Repository(dir.Path);
        repo.Network.Remotes.Add("origin", "https://ci-user:hunter2@github.com/acme/app.git");
        Commands.Stage(repo, "*");
        var who = new Signature("Ci", "ci@example.com", DateTimeOffset.UnixEpoch);
        commit = repo.Commit("init", who, who).Sha;
        dir.WriteFile("bin/HelloLib.1.0.0.nupkg", "PK-not-really-a-zip");
        return dir;
    }

    private static Dictionary<string, string> Recorded(string file)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Attestors", "Ci", "Environments", file)))
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                env[line[..eq]] = line[(eq + 1)..];
            }
        }

        return env;
    }

    private static string FileSha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
