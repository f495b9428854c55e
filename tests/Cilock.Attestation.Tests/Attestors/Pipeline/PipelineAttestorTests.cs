using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Pipeline;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors.Pipeline;

[TestClass]
public sealed class PipelineAttestorTests
{
    private const string Sha = "11bd71901bbe5b1630ceea73d27597364c9af683";
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private const string Workflow = $$$"""
        # CI for the app (comments must not shift line numbers)
        name: ci
        on:
          push:
            branches: [main]
          workflow_call:
            inputs:
              image: { type: string, default: "not-a-reference:1" }
        env:
          uses: not/a-reference@v1
        x-setup: &setup
          - uses: actions/checkout@{{{Sha}}}
          - uses: actions/setup-dotnet@v4
        jobs:
          build:
            strategy:
              matrix:
                os: [ubuntu-latest, windows-latest]
                dotnet: ['8.0', '10.0']
            runs-on: ${{ matrix.os }}
            container:
              image: mcr.microsoft.com/dotnet/sdk:10.0
            services:
              redis:
                image: redis@{{{Digest}}}
            steps: *setup
          test:
            runs-on: ubuntu-latest
            container: node:20
            steps:
              - uses: ./.github/actions/composite
              - uses: docker://alpine:3.19
              - uses: someone/scanner-action/sub/dir@main
                with:
                  image: also-not-a-reference:1
              - run: 'echo "uses: fake/thing@v1"'
          call:
            uses: org/shared/.github/workflows/build.yml@{{{Sha}}}
          call-local:
            uses: ./.github/workflows/local.yml
          call-unpinned:
            uses: "org/shared/.github/workflows/release.yaml@v2"
        """;

    private const string CompositeAction = $$"""
        name: composite
        description: a local composite action
        runs:
          using: composite
          steps:
            - uses: actions/cache@v4
            - uses: actions/upload-artifact@{{Sha}}
        """;

    private const string DockerAction = """
        name: docker-action
        runs:
          using: docker
          image: Dockerfile
        """;

    private const string GitLab = $$"""
        include:
          - local: /ci/common.yml
          - project: group/sub/templates
            ref: v1.2.0
            file: /build.yml
          - project: group/pinned
            ref: {{Sha}}
            file: [a.yml, b.yml]
          - remote: https://example.com/ci.yml
          - template: Auto-DevOps.gitlab-ci.yml
          - component: gitlab.com/acme/components/lint@1.0
        image: node:20
        variables:
          image: not-a-reference
        build:
          image:
            name: registry.example.com:5000/team/builder@{{Digest}}
          services:
            - postgres:16
            - name: redis:7
          script:
            - echo image
        """;

    private const string Azure = $$"""
        resources:
          repositories:
            - repository: templates
              type: github
              name: contoso/pipeline-templates
              ref: refs/tags/v1
            - repository: pinned
              type: git
              name: proj/tools
              ref: {{Sha}}
          containers:
            - container: builder
              image: ubuntu:22.04
        extends:
          template: build.yml@templates
        stages:
          - stage: a
            jobs:
              - job: j
                container: builder
                steps:
                  - task: DotNetCoreCLI@2
                  - template: steps/local.yml
                  - template: steps/tool.yml@pinned
                  - script: 'echo "task: Fake@1"'
        """;

    [TestMethod]
    public async Task AttestAsync_RealWorldWorkflow_EveryReferenceWithLineAndPinning()
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".github/workflows/ci.yml", Workflow);
        var (attestor, _) = await RunAsync(dir);

        var refs = attestor.References.Where(r => r.File == ".github/workflows/ci.yml").ToList();
        Expect(refs, Workflow, $"actions/checkout@{Sha}", PipelineReferenceKinds.Action, pinned: true, owner: "actions", repo: "checkout", gitRef: Sha);
        Expect(refs, Workflow, "actions/setup-dotnet@v4", PipelineReferenceKinds.Action, pinned: false, owner: "actions", repo: "setup-dotnet", gitRef: "v4");
        Expect(refs, Workflow, "mcr.microsoft.com/dotnet/sdk:10.0", PipelineReferenceKinds.DockerImage, pinned: false, owner: "mcr.microsoft.com/dotnet", repo: "sdk", gitRef: "10.0");
        Expect(refs, Workflow, $"redis@{Digest}", PipelineReferenceKinds.DockerImage, pinned: true, owner: "", repo: "redis", gitRef: Digest);
        Expect(refs, Workflow, "node:20", PipelineReferenceKinds.DockerImage, pinned: false, owner: "", repo: "node", gitRef: "20");
        Expect(refs, Workflow, "./.github/actions/composite", PipelineReferenceKinds.Local, pinned: false, owner: "", repo: "", gitRef: "");
        Expect(refs, Workflow, "docker://alpine:3.19", PipelineReferenceKinds.DockerImage, pinned: false, owner: "", repo: "alpine", gitRef: "3.19");
        Expect(refs, Workflow, "someone/scanner-action/sub/dir@main", PipelineReferenceKinds.Action, pinned: false, owner: "someone", repo: "scanner-action", gitRef: "main");
        Expect(refs, Workflow, $"org/shared/.github/workflows/build.yml@{Sha}", PipelineReferenceKinds.ReusableWorkflow, pinned: true, owner: "org", repo: "shared", gitRef: Sha);
        Expect(refs, Workflow, "./.github/workflows/local.yml", PipelineReferenceKinds.Local, pinned: false, owner: "", repo: "", gitRef: "");
        Expect(refs, Workflow, "org/shared/.github/workflows/release.yaml@v2", PipelineReferenceKinds.ReusableWorkflow, pinned: false, owner: "org", repo: "shared", gitRef: "v2");

        // The anchored step list is reported once (at the anchor), and inputs/env/with/run are not references.
        Assert.HasCount(11, refs, string.Join("\n", refs.Select(r => $"{r.Line} {r.Kind} {r.Reference}")));
        Assert.AreEqual(12, refs.Single(r => r.Reference == $"actions/checkout@{Sha}").Line);
        Assert.AreEqual("sub/dir", refs.Single(r => r.Reference == "someone/scanner-action/sub/dir@main").Path);
    }

    [TestMethod]
    public async Task AttestAsync_CompositeAndDockerActions_AreRead()
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".github/actions/composite/action.yml", CompositeAction);
        dir.WriteFile("tools/dockerized/action.yaml", DockerAction);
        dir.WriteFile("node_modules/x/action.yml", "runs:\n  using: composite\n  steps:\n    - uses: ignored/by-walk@v1\n");
        var (attestor, _) = await RunAsync(dir);

        CollectionAssert.AreEqual(
            new[] { ".github/actions/composite/action.yml", "tools/dockerized/action.yaml" },
            attestor.Files.Select(f => f.Path).ToArray());
        Assert.IsTrue(attestor.Files.All(f => f.Platform == "github-action"));
        var refs = attestor.References;
        Expect(refs, CompositeAction, "actions/cache@v4", PipelineReferenceKinds.Action, pinned: false, owner: "actions", repo: "cache", gitRef: "v4");
        Expect(refs, CompositeAction, $"actions/upload-artifact@{Sha}", PipelineReferenceKinds.Action, pinned: true, owner: "actions", repo: "upload-artifact", gitRef: Sha);
        var dockerfile = refs.Single(r => r.File == "tools/dockerized/action.yaml");
        Assert.AreEqual(PipelineReferenceKinds.Local, dockerfile.Kind);
        Assert.AreEqual(4, dockerfile.Line);
        Assert.HasCount(3, refs);
    }

    [TestMethod]
    public async Task AttestAsync_GitLab_IncludesAndImages()
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".gitlab-ci.yml", GitLab);
        var (attestor, _) = await RunAsync(dir);
        var refs = attestor.References;

        Expect(refs, GitLab, "/ci/common.yml", PipelineReferenceKinds.Local, pinned: false, owner: "", repo: "", gitRef: "");
        Expect(refs, GitLab, "group/sub/templates@v1.2.0", PipelineReferenceKinds.Include, pinned: false, owner: "group/sub", repo: "templates", gitRef: "v1.2.0", line: 3);
        Expect(refs, GitLab, $"group/pinned@{Sha}", PipelineReferenceKinds.Include, pinned: true, owner: "group", repo: "pinned", gitRef: Sha, line: 6);
        Expect(refs, GitLab, "https://example.com/ci.yml", PipelineReferenceKinds.Include, pinned: false, owner: "", repo: "", gitRef: "");
        Expect(refs, GitLab, "Auto-DevOps.gitlab-ci.yml", PipelineReferenceKinds.Template, pinned: false, owner: "", repo: "", gitRef: "");
        Expect(refs, GitLab, "gitlab.com/acme/components/lint@1.0", PipelineReferenceKinds.Include, pinned: false, owner: "gitlab.com/acme/components", repo: "lint", gitRef: "1.0");
        Expect(refs, GitLab, "node:20", PipelineReferenceKinds.DockerImage, pinned: false, owner: "", repo: "node", gitRef: "20");
        Expect(refs, GitLab, $"registry.example.com:5000/team/builder@{Digest}", PipelineReferenceKinds.DockerImage, pinned: true, owner: "registry.example.com:5000/team", repo: "builder", gitRef: Digest);
        Expect(refs, GitLab, "postgres:16", PipelineReferenceKinds.DockerImage, pinned: false, owner: "", repo: "postgres", gitRef: "16");
        Expect(refs, GitLab, "redis:7", PipelineReferenceKinds.DockerImage, pinned: false, owner: "", repo: "redis", gitRef: "7");
        Assert.AreEqual("a.yml,b.yml", refs.Single(r => r.Repository == "pinned").Path);
        Assert.HasCount(10, refs, string.Join("\n", refs.Select(r => $"{r.Line} {r.Kind} {r.Reference}")));
    }

    [TestMethod]
    public async Task AttestAsync_AzurePipelines_RepositoriesTemplatesTasksContainers()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("azure-pipelines.yml", Azure);
        var (attestor, _) = await RunAsync(dir);
        var refs = attestor.References;

        Expect(refs, Azure, "contoso/pipeline-templates@refs/tags/v1", PipelineReferenceKinds.Repository, pinned: false, owner: "contoso", repo: "pipeline-templates", gitRef: "refs/tags/v1", line: 3);
        Expect(refs, Azure, $"proj/tools@{Sha}", PipelineReferenceKinds.Repository, pinned: true, owner: "proj", repo: "tools", gitRef: Sha, line: 7);
        Expect(refs, Azure, "ubuntu:22.04", PipelineReferenceKinds.DockerImage, pinned: false, owner: "", repo: "ubuntu", gitRef: "22.04");
        Expect(refs, Azure, "build.yml@templates", PipelineReferenceKinds.Template, pinned: false, owner: "contoso", repo: "pipeline-templates", gitRef: "refs/tags/v1");
        Expect(refs, Azure, "DotNetCoreCLI@2", PipelineReferenceKinds.Task, pinned: false, owner: "", repo: "DotNetCoreCLI", gitRef: "2");
        Expect(refs, Azure, "steps/local.yml", PipelineReferenceKinds.Local, pinned: false, owner: "", repo: "", gitRef: "");
        Expect(refs, Azure, "steps/tool.yml@pinned", PipelineReferenceKinds.Template, pinned: true, owner: "proj", repo: "tools", gitRef: Sha);
        Assert.HasCount(7, refs, string.Join("\n", refs.Select(r => $"{r.Line} {r.Kind} {r.Reference}")));
    }

    [TestMethod]
    public async Task AttestAsync_MalformedYaml_CodedWarningAndMalformedFileEntry()
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".github/workflows/bad.yml", "jobs:\n  build:\n    steps: [\n      - uses: a/b@v1\n  oops: : :\n");
        dir.WriteFile(".github/workflows/good.yaml", "jobs:\n  b:\n    steps:\n      - uses: a/b@v1\n");
        var (attestor, run) = await RunAsync(dir);

        Assert.IsTrue(run.Succeeded);
        var warning = run.Diagnostics.Single(d => d.Code == PipelineDiagnostics.MalformedDefinition);
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual(".github/workflows/bad.yml", warning.File);
        Assert.IsNotNull(warning.Line);
        Assert.IsTrue(attestor.Files.Single(f => f.Path == ".github/workflows/bad.yml").Malformed);
        Assert.IsFalse(attestor.Files.Single(f => f.Path == ".github/workflows/good.yaml").Malformed);
        var json = attestor.ToJson(Dialect.Cilock)!;
        Assert.IsTrue(json["files"]!.AsArray().Single(f => (string)f!["path"]! == ".github/workflows/bad.yml")!["malformed"]!.GetValue<bool>());
        Assert.AreEqual("a/b@v1", (string)json["references"]![0]!["actionref"]!);
    }

    [TestMethod]
    public async Task AttestAsync_GitHubWorkflowRef_MarksCurrentWorkflow()
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".github/workflows/ci.yml", "on: push\n");
        dir.WriteFile(".github/workflows/release.yml", "on: push\n");
        var env = new Dictionary<string, string> { ["GITHUB_WORKFLOW_REF"] = "acme/app/.github/workflows/release.yml@refs/heads/main" };
        var (attestor, _) = await RunAsync(dir, env);

        Assert.IsFalse(attestor.Files.Single(f => f.Path.EndsWith("ci.yml", StringComparison.Ordinal)).Current);
        Assert.IsTrue(attestor.Files.Single(f => f.Path.EndsWith("release.yml", StringComparison.Ordinal)).Current);
        var files = attestor.ToJson(Dialect.Cilock)!["files"]!.AsArray();
        Assert.IsNull(files[0]!["current"]);
        Assert.IsTrue(files[1]!["current"]!.GetValue<bool>());
    }

    [TestMethod]
    public async Task ToJson_Entries_RefpinnedOmittedWhenFalseAndActionrefOnActionsOnly()
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".github/workflows/ci.yml", $"jobs:\n  a:\n    container: node:20\n    steps:\n      - uses: a/b@v1\n      - uses: a/c@{Sha}\n");
        var (attestor, _) = await RunAsync(dir);
        var refs = attestor.ToJson(Dialect.Cilock)!["references"]!.AsArray().Select(r => r!.AsObject()).ToList();

        var image = refs.Single(r => (string)r["kind"]! == "docker-image");
        Assert.IsFalse(image.ContainsKey("refpinned"));
        Assert.IsFalse(image.ContainsKey("actionref"));
        var unpinned = refs.Single(r => (string?)r["actionref"] == "a/b@v1");
        Assert.IsFalse(unpinned.ContainsKey("refpinned"));
        Assert.AreEqual(5, (int)unpinned["line"]!);
        Assert.IsTrue(refs.Single(r => (string?)r["actionref"] == $"a/c@{Sha}")["refpinned"]!.GetValue<bool>());
    }

    [TestMethod]
    public async Task CollectionBuilder_WitnessDialect_LeavesPipelineDefinitionOut()
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".github/workflows/ci.yml", "jobs:\n  a:\n    steps:\n      - uses: a/b@v1\n");
        var (_, run) = await RunAsync(dir);

        Assert.IsFalse(AttestationTypes.IsWitnessLoadable(PipelineAttestor.PredicateTypeUri));
        var diagnostics = new List<Diagnostic>();
        var witness = Encoding.UTF8.GetString(CollectionBuilder.Build(run, Dialect.Witness, diagnostics).ToJsonBytes());
        Assert.DoesNotContain("pipeline-definition", witness);
        Assert.IsTrue(diagnostics.Any(d => d.Code == EvidenceDiagnostics.DroppedForWitness));
        var cilock = Encoding.UTF8.GetString(CollectionBuilder.Build(run, Dialect.Cilock).ToJsonBytes());
        StringAssert.Contains(cilock, PipelineAttestor.PredicateTypeUri);
    }

    [TestMethod]
    public void AttestorCatalog_PipelineDefinition_IsSelectableByName()
    {
        var attestor = AttestorCatalog.Create("pipeline-definition", new AttestorOptions());
        Assert.IsInstanceOfType<PipelineAttestor>(attestor);
        Assert.AreEqual(AttestationPhase.Material, attestor.Phase);
    }

    [TestMethod]
    [DataRow("a/b@" + Sha, true)]
    [DataRow("a/b@11BD71901BBE5B1630CEEA73D27597364C9AF683", false)]
    [DataRow("a/b@11bd719", false)]
    [DataRow("a/b", false)]
    [DataRow("a@" + Sha, false)]
    [DataRow("a/b@${{ inputs.ref }}", false)]
    public void ParseUses_Refs_PinnedOnlyForFullLowercaseSha(string uses, bool pinned)
    {
        Assert.AreEqual(pinned, ReferenceParser.ParseUses("f", 1, uses).RefPinned);
    }

    private static void Expect(IReadOnlyList<PipelineReference> refs, string text, string reference, string kind, bool pinned, string owner, string repo, string gitRef, int? line = null)
    {
        var r = refs.SingleOrDefault(x => x.Reference == reference);
        Assert.IsNotNull(r, $"'{reference}' not found in: {string.Join(", ", refs.Select(x => x.Reference))}");
        Assert.AreEqual(kind, r.Kind, reference);
        Assert.AreEqual(pinned, r.RefPinned, reference);
        Assert.AreEqual(owner, r.Owner, reference);
        Assert.AreEqual(repo, r.Repository, reference);
        Assert.AreEqual(gitRef, r.Ref, reference);
        Assert.AreEqual(line ?? LineOf(text, reference), r.Line, reference);
    }

    // The first line whose value ends with the reference (quotes allowed): an independent oracle for the parser's line.
    private static int LineOf(string text, string reference)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i].TrimEnd('\r', ' ').TrimEnd('"');
            if (l.EndsWith(" " + reference, StringComparison.Ordinal) || l.EndsWith("\"" + reference, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new AssertFailedException($"'{reference}' is not in the text");
    }

    private static async Task<(PipelineAttestor Attestor, AttestationRun Run)> RunAsync(TempDirectory dir, Dictionary<string, string>? env = null)
    {
        var attestor = new PipelineAttestor();
        var run = await new AttestationContext(
            new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "s", Environment = env ?? [] },
            [attestor]).RunAsync();
        return (attestor, run);
    }
}
