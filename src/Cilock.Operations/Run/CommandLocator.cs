namespace Cilock.Operations.Run;

/// <summary>
/// Checks before anything runs that the wrapped command's executable can be found, so a typo fails fast
/// (CIL1040) without hashing the working tree first. Mirrors where .NET's process start looks on Unix: a path with a
/// slash is used as given, a bare name is searched on PATH.
/// </summary>
internal static class CommandLocator
{
    /// <summary>Returns whether <paramref name="program"/> resolves to an existing file.</summary>
    public static bool Exists(string program, string workingDirectory, string? pathVariable)
    {
        if (string.IsNullOrEmpty(program))
        {
            return false;
        }

        if (program.Contains('/', StringComparison.Ordinal) || Path.IsPathRooted(program)
            || (OperatingSystem.IsWindows() && program.Contains('\\', StringComparison.Ordinal)))
        {
            // .NET resolves relative program paths against the parent's current directory; accept either base.
            return File.Exists(Path.GetFullPath(program)) || File.Exists(Path.GetFullPath(program, workingDirectory));
        }

        var candidates = new List<string> { AppContext.BaseDirectory, Environment.CurrentDirectory };
        candidates.AddRange((pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        var names = OperatingSystem.IsWindows() && !Path.HasExtension(program)
            ? new[] { program, program + ".exe", program + ".cmd", program + ".bat" }
            : new[] { program };
        return candidates.Any(dir => names.Any(name => File.Exists(Path.Combine(dir, name))));
    }
}
