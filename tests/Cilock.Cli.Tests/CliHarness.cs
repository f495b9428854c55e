using Cilock.Attestation.Signing;
using Cilock.Cli.Hosting;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

/// <summary>Runs cilock in-process (fast) or as a real process (the built cilock.dll) and captures its output.</summary>
internal static class CliHarness
{
    /// <summary>Runs <paramref name="args"/> through the same entry point as Program.</summary>
    public static ProcessResult Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApplication.Invoke(args, output, error);
        return new ProcessResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>The built cilock.dll (copied next to the test assembly by the project reference).</summary>
    public static string CilockDll
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "cilock.dll");
            if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "cilock.runtimeconfig.json")))
            {
                return beside;
            }

            // Fall back to the CLI project's own output for the same configuration.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;
            var own = Path.Combine(SharedData.RepositoryRoot, "src", "Cilock.Cli", "bin", configuration, "net10.0", "cilock.dll");
            return File.Exists(own) ? own : throw new AssertInconclusiveException("cilock.dll not found next to the tests or in src/Cilock.Cli/bin");
        }
    }

    /// <summary>Runs the real cilock process.</summary>
    public static ProcessResult Exec(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        ProcessRunner.Run("dotnet", [CilockDll, .. args], workingDirectory, environment, TimeSpan.FromMinutes(2));

    /// <summary>Generates a key pair in <paramref name="dir"/>; returns (private, public) paths.</summary>
    public static (string Key, string Pub) NewKey(TempDirectory dir, string name = "test", KeyAlgorithm algorithm = KeyAlgorithm.EcdsaP256)
    {
        var key = KeyGenerator.Generate(algorithm);
        var priv = dir.Combine(name + ".key");
        var pub = dir.Combine(name + ".pub");
        KeyGenerator.Write(key, priv, pub);
        return (priv, pub);
    }

    /// <summary>Every file name under <paramref name="dir"/> (relative), for "nothing was written" checks.</summary>
    public static string[] Files(string dir) =>
        [.. Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal)];
}
