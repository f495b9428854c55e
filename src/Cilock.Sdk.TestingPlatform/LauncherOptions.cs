namespace Cilock.Sdk.TestingPlatform;

/// <summary>
/// The launcher's own command line, written by <c>Cilock.TestingPlatform.targets</c>:
/// <c>--project P --configuration C --target-framework T [--runtime-identifier R] --dotnet D --command-file F
/// [--trx-directory DIR --trx-file NAME] -- program args…</c>. Everything after <c>--</c> is the test app's command.
/// </summary>
internal sealed record LauncherOptions
{
    public required string Project { get; init; }

    public required string Configuration { get; init; }

    public required string TargetFramework { get; init; }

    public string? RuntimeIdentifier { get; init; }

    public required string DotNet { get; init; }

    public required string CommandFile { get; init; }

    /// <summary>Folder of the TRX the SDK asks for; <c>null</c> when the SDK asks for none (CilockTestReportTrx off).</summary>
    public string? TrxDirectory { get; init; }

    public string? TrxFile { get; init; }

    public required string Program { get; init; }

    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>Parses the launcher command line.</summary>
    /// <exception cref="LauncherException">CIL2140 for a missing or unknown option, or no test app command.</exception>
    public static LauncherOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        for (; i < args.Count && args[i] != "--"; i += 2)
        {
            if (args[i] is not ("--project" or "--configuration" or "--target-framework" or "--runtime-identifier" or "--dotnet"
                or "--command-file" or "--trx-directory" or "--trx-file"))
            {
                throw Invalid($"unknown option '{args[i]}'");
            }

            if (i + 1 >= args.Count || args[i + 1] == "--")
            {
                throw Invalid($"option '{args[i]}' has no value");
            }

            values[args[i]] = args[i + 1];
        }

        if (i + 1 >= args.Count)
        {
            throw Invalid("no test application command after '--'");
        }

        string Required(string name) =>
            values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw Invalid($"option '{name}' is required");
        string? Optional(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        var trxDirectory = Optional("--trx-directory");
        var trxFile = Optional("--trx-file");
        if ((trxDirectory is null) != (trxFile is null))
        {
            throw Invalid("'--trx-directory' and '--trx-file' go together");
        }

        return new LauncherOptions
        {
            Project = Required("--project"),
            Configuration = Required("--configuration"),
            TargetFramework = Required("--target-framework"),
            RuntimeIdentifier = Optional("--runtime-identifier"),
            DotNet = Required("--dotnet"),
            CommandFile = Required("--command-file"),
            TrxDirectory = trxDirectory,
            TrxFile = trxFile,
            Program = args[i + 1],
            Arguments = [.. args.Skip(i + 2)],
        };
    }

    private static LauncherException Invalid(string message) =>
        new(TestingPlatformDiagnostics.InvalidLauncherArguments, $"the Microsoft.Testing.Platform launcher was started wrongly: {message}");
}
