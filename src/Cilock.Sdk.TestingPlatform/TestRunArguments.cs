namespace Cilock.Sdk.TestingPlatform;

/// <summary>
/// What the launcher passes to the test app and what it records of it. The SDK's TRX request is added only when the
/// user's arguments do not already ask for one (a second <c>--report-trx</c> or <c>--results-directory</c> is an error
/// in Microsoft.Testing.Platform); the user's own TRX is then recorded when its file name is known.
/// </summary>
internal static class TestRunArguments
{
    // Options after which the app lists or describes tests instead of running them: nothing to record.
    private static readonly HashSet<string> InformationOptions = new(StringComparer.OrdinalIgnoreCase) { "--help", "-h", "-?", "--info", "--list-tests" };

    // The dotnet test protocol: a pipe name that differs on every run and says nothing about what was tested.
    private static readonly HashSet<string> ProtocolOptions = new(StringComparer.OrdinalIgnoreCase) { "--server", "--dotnet-test-pipe" };

    /// <summary>True when the app will run tests (not --help, --info, --list-tests).</summary>
    public static bool RunsTests(IReadOnlyList<string> arguments) => !arguments.Any(InformationOptions.Contains);

    /// <summary>The app's arguments: the user's, plus the SDK's TRX request when the user made none.</summary>
    public static IReadOnlyList<string> WithTrxRequest(IReadOnlyList<string> arguments, string? trxDirectory, string? trxFile)
    {
        if (trxDirectory is null || trxFile is null || Value(arguments, "--report-trx") is not null)
        {
            return arguments;
        }

        List<string> result = [.. arguments, "--report-trx", "--report-trx-filename", trxFile];
        if (Value(arguments, "--results-directory") is null)
        {
            result.AddRange(["--results-directory", trxDirectory]);
        }

        return result;
    }

    /// <summary>
    /// The TRX the run writes, or <c>null</c> when none is asked for or its name is chosen by the platform
    /// (<c>--report-trx</c> without <c>--report-trx-filename</c>). Relative folders are relative to the app's
    /// working directory, as the platform resolves them.
    /// </summary>
    public static string? ReportPath(IReadOnlyList<string> appArguments, string workingDirectory)
    {
        if (Value(appArguments, "--report-trx") is null || Value(appArguments, "--report-trx-filename") is not { } name)
        {
            return null;
        }

        var directory = Value(appArguments, "--results-directory") ?? Path.Combine(workingDirectory, "TestResults");
        return Path.GetFullPath(Path.Combine(Path.GetFullPath(directory, workingDirectory), name));
    }

    /// <summary>The command as recorded: the program and its arguments without the per-run dotnet test protocol options.</summary>
    public static IReadOnlyList<string> Recorded(string program, IReadOnlyList<string> appArguments)
    {
        var recorded = new List<string> { program };
        for (var i = 0; i < appArguments.Count; i++)
        {
            if (ProtocolOptions.Contains(appArguments[i]))
            {
                i++;
                continue;
            }

            recorded.Add(appArguments[i]);
        }

        return recorded;
    }

    // The option itself (as its own value when it takes none) or the argument after it; null when absent.
    private static string? Value(IReadOnlyList<string> arguments, string option)
    {
        var at = -1;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (string.Equals(arguments[i], option, StringComparison.OrdinalIgnoreCase))
            {
                at = i;
            }
        }

        if (at < 0)
        {
            return null;
        }

        return at + 1 < arguments.Count && !arguments[at + 1].StartsWith('-') ? arguments[at + 1] : arguments[at];
    }
}
