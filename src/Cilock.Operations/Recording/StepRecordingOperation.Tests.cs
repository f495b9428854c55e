namespace Cilock.Operations.Recording;

// The test step's recorded command: machine paths (the test assembly, the results folder) become relative to the
// same root as the step's recorded files, so evidence does not carry the build machine's folder layout.
public sealed partial class StepRecordingOperation
{
    /// <summary>
    /// Returns the options with every argument of their command that is a fully qualified path inside the recording root
    /// (<see cref="StepRecordingOptions.WorkingDirectory"/>, else the git work tree, else the project folder) rewritten
    /// relative to it with <c>/</c> separators; other arguments, and paths outside the root, are kept as they are.
    /// </summary>
    /// <param name="options">The step's options (their <see cref="StepRecordingOptions.Command"/> is rewritten).</param>
    /// <exception cref="Attestation.Diagnostics.CilockException">CIL2005 when the working directory does not exist.</exception>
    public static StepRecordingOptions WithRelativeCommandPaths(StepRecordingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Command is not { Count: > 0 } command)
        {
            return options;
        }

        var root = Path.TrimEndingDirectorySeparator(ResolveWorkingDirectory(options));
        return options with { Command = [.. command.Select(a => RelativeToRoot(a, root))] };
    }

    private static string RelativeToRoot(string argument, string root)
    {
        if (!Path.IsPathFullyQualified(argument))
        {
            return argument;
        }

        var full = Path.GetFullPath(argument);
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var inside = full.Length > root.Length && full.StartsWith(root, comparison) && (full[root.Length] == Path.DirectorySeparatorChar || full[root.Length] == Path.AltDirectorySeparatorChar);
        if (!inside)
        {
            return argument;
        }

        var relative = Path.GetRelativePath(root, full).Replace('\\', '/').TrimEnd('/');

        // A trailing separator names a folder (the TRX results directory): keep it visible.
        return argument.EndsWith('/') || argument.EndsWith('\\') ? relative + "/" : relative;
    }
}
