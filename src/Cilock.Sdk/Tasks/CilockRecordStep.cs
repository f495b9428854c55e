using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Recording;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

/// <summary>Records one finished build step (build, test, pack) as a signed attestation collection.</summary>
public sealed partial class CilockRecordStep : CilockTask
{
    /// <summary>The step name (collection name).</summary>
    [Required]
    public string StepName { get; set; } = "";

    /// <summary>Where the envelope is written.</summary>
    [Required]
    public string EvidenceFile { get; set; } = "";

    /// <summary>The project being built.</summary>
    [Required]
    public string ProjectPath { get; set; } = "";

    /// <summary>Base folder of recorded paths; empty = git root, else the project folder.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary><c>cilock</c> (default) or <c>witness</c>.</summary>
    public string? Dialect { get; set; }

    /// <summary>Semicolon list of attestor names.</summary>
    public string? Attestors { get; set; }

    /// <summary>Input files.</summary>
    public ITaskItem[] Materials { get; set; } = [];

    /// <summary>Semicolon list of glob patterns never recorded as materials.</summary>
    public string? MaterialExclude { get; set; }

    /// <summary>Output files.</summary>
    public ITaskItem[] Products { get; set; } = [];

    /// <summary>Products that also get a <c>file:</c> subject.</summary>
    public ITaskItem[] FileSubjects { get; set; } = [];

    /// <summary>Semicolon list of <see cref="StepFileLinks"/> names (e.g. <c>ProductSubjects;ProductBackRefs</c>).</summary>
    public string? FileLinks { get; set; }

    /// <summary>Program of the command (<c>C#</c> and <c>VB</c> map to the compiler names).</summary>
    public string? CommandName { get; set; }

    /// <summary>Arguments of the command.</summary>
    public string[] CommandArguments { get; set; } = [];

    /// <summary>A file with one argument per line (the cached compiler command line).</summary>
    public string? CommandArgumentsFile { get; set; }

    /// <summary>The exit code of the command (the step only runs after success, so 0 by default).</summary>
    public int ExitCode { get; set; }

    /// <summary>NuGet's project.assets.json.</summary>
    public string? ProjectAssetsFile { get; set; }

    /// <summary>The .NET SDK version.</summary>
    public string? SdkVersion { get; set; }

    /// <summary>The MSBuild version.</summary>
    public string? MSBuildVersion { get; set; }

    /// <summary>The .NET installation folder (<c>$(NetCoreRoot)</c>).</summary>
    public string? DotNetRoot { get; set; }

    /// <summary>The target framework.</summary>
    public string? TargetFramework { get; set; }

    /// <summary>PEM private key; empty = per-user key.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Environment variable holding the key password.</summary>
    public string? SigningKeyPasswordEnv { get; set; }

    /// <summary>Evidence folders of referenced projects that get a copy under <c>linked/</c>.</summary>
    public ITaskItem[] LinkDirectories { get; set; } = [];

    /// <summary>The envelope written, empty when none was.</summary>
    [Output]
    public string EnvelopeFile { get; set; } = "";

    /// <inheritdoc />
    protected override void Run()
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!;
        var options = new StepRecordingOptions
        {
            StepName = StepName,
            EvidencePath = EvidenceFile,
            ProjectDirectory = projectDirectory,
            WorkingDirectory = string.IsNullOrWhiteSpace(WorkingDirectory) ? null : WorkingDirectory,
            Dialect = StepRecordingOperation.ParseDialect(Dialect),
            Attestors = string.IsNullOrWhiteSpace(Attestors) ? null : SplitList(Attestors),
            Materials = [.. Materials.Select(i => i.GetMetadata("FullPath"))],
            MaterialExcludeGlobs = SplitList(MaterialExclude),
            Products = [.. Products.Select(i => i.GetMetadata("FullPath"))],
            FileSubjects = [.. FileSubjects.Select(i => i.GetMetadata("FullPath"))],
            FileLinks = ParseLinks(FileLinks),
            Command = BuildCommand(),
            ExitCode = ExitCode,
            ProjectAssetsFile = string.IsNullOrWhiteSpace(ProjectAssetsFile) ? null : ProjectAssetsFile,
            SdkVersion = SdkVersion,
            MSBuildVersion = MSBuildVersion,
            TargetFramework = TargetFramework,
            DotNetRoot = string.IsNullOrWhiteSpace(DotNetRoot) ? null : DotNetRoot,
            KeyPath = string.IsNullOrWhiteSpace(SigningKey) ? null : Path.GetFullPath(SigningKey, projectDirectory),
            KeyPasswordEnvironmentVariable = string.IsNullOrWhiteSpace(SigningKeyPasswordEnv) ? null : SigningKeyPasswordEnv,
            LinkDirectories = [.. LinkDirectories.Select(i => i.ItemSpec).Where(s => !string.IsNullOrWhiteSpace(s))],
        };

        // Optional concerns map their task parameters (CilockRecordStep.<Concern>.cs) onto the options: one line each.
        // ── optional options ──
        options = WithCi(options);
        options = WithKeyless(options);
        options = WithReports(options);
        options = WithSbom(options);
        options = WithSecretScan(options);
        options = WithSlsa(options);
        options = WithTrace(options);
        options = WithTests(options);
        options = WithPackedCopies(options);

        var result = StepRecordingOperation.CreateDefault().Execute(options);

        if (result.KeyCreated)
        {
            Log.LogMessage(MessageImportance.High, "Cilock: created a per-user signing key; set CilockSigningKey to sign with your own key.");
        }

        Report(result.Diagnostics);
        if (result.EnvelopePath is not null)
        {
            EnvelopeFile = result.EnvelopePath;
            Log.LogMessage(MessageImportance.Normal, $"Cilock: recorded step '{StepName}' in {result.EnvelopePath}");
        }

        // Optional concerns that act on the signed result (fail on findings, upload): one line each.
        // ── after signing ──
        UploadToArchivista(result);
        ReportKeyless(result);
        ExportSbom(options, result);
        ExportSlsa(options, result);
        PublishSecretFindings(options, result);
    }

    private static StepFileLinks ParseLinks(string? value)
    {
        var links = StepFileLinks.None;
        foreach (var name in SplitList(value))
        {
            links |= Enum.TryParse<StepFileLinks>(name, ignoreCase: true, out var link)
                ? link
                : throw new CilockException(RecordingDiagnostics.InvalidProperty, $"unknown file link '{name}'; use {string.Join(", ", Enum.GetNames<StepFileLinks>())}");
        }

        return links;
    }

    private List<string>? BuildCommand()
    {
        var arguments = new List<string>(CommandArguments);
        if (!string.IsNullOrWhiteSpace(CommandArgumentsFile) && File.Exists(CommandArgumentsFile))
        {
            try
            {
                arguments.AddRange(File.ReadAllLines(CommandArgumentsFile).Where(l => l.Length > 0));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CilockException(RecordingDiagnostics.StepFailed, $"cannot read the cached compiler command line '{CommandArgumentsFile}': {e.Message}", e);
            }
        }

        var program = CommandName switch
        {
            null or "" => null,
            "C#" => "csc",
            "VB" => "vbc",
            var name => name,
        };
        return program is null && arguments.Count == 0 ? null : [program ?? "dotnet", .. arguments];
    }
}
