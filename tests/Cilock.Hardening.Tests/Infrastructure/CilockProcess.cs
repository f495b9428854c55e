using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Infrastructure;

/// <summary>Runs the real <c>cilock</c> binary (the built <c>cilock.dll</c>) as a child process.</summary>
internal static class CilockProcess
{
    /// <summary>The built cilock.dll: beside the tests (project reference) or in src/Cilock.Cli/bin.</summary>
    public static string Dll
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "cilock.dll");
            if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "cilock.runtimeconfig.json")))
            {
                return beside;
            }

            return new[] { "Debug", "Release" }
                .Select(c => Path.Combine(SharedData.RepositoryRoot, "src", "Cilock.Cli", "bin", c, "net10.0", "cilock.dll"))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault() ?? throw new AssertInconclusiveException("cilock.dll is not built");
        }
    }

    /// <summary>Runs cilock in <paramref name="workingDirectory"/> with a private CILOCK_HOME below it.</summary>
    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["CILOCK_HOME"] = environment?.GetValueOrDefault("CILOCK_HOME") ?? Path.Combine(workingDirectory, ".cilock-home"),
        };
        return ProcessRunner.Run("dotnet", [Dll, .. args], workingDirectory, env, TimeSpan.FromMinutes(3));
    }

    /// <summary>Starts cilock without waiting (for kill tests); stdout/stderr are discarded.</summary>
    public static System.Diagnostics.Process Start(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["CILOCK_HOME"] = Path.Combine(workingDirectory, ".cilock-home");
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            psi.Environment[k] = v;
        }

        var p = System.Diagnostics.Process.Start(psi) ?? throw new InvalidOperationException("could not start cilock");
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }
}
