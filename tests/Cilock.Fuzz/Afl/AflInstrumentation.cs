using System.Security.Cryptography;
using System.Text;
using SharpFuzz;

namespace Cilock.Fuzz.Afl;

/// <summary>
/// Builds the directory afl-fuzz runs: a copy of the harness's own output with OUR parser assemblies rewritten by
/// SharpFuzz (every branch records an edge in afl's shared map). The BCL and third-party packages stay uninstrumented,
/// so coverage means coverage of our code. The copy is keyed by the content hash of the inputs and reused while they
/// do not change; a lock file serializes two targets started at the same time.
/// </summary>
internal static class AflInstrumentation
{
    /// <summary>The assemblies whose branches feed afl's coverage map.</summary>
    public static readonly string[] Assemblies =
    [
        "Cilock.Attestation.dll", "Cilock.Policy.dll", "Cilock.Rego.dll", "Cilock.Secrets.dll", "Cilock.Reports.dll",
        "Cilock.Sigstore.dll",
    ];

    private const string StampFile = ".cilock-afl-stamp";

    /// <summary>Returns <paramref name="directory"/> holding an instrumented copy of the harness directory.</summary>
    public static string Prepare(string directory)
    {
        var source = AppContext.BaseDirectory;
        var stamp = Stamp(source);
        var parent = Path.GetDirectoryName(Path.GetFullPath(directory))!;
        Directory.CreateDirectory(parent);
        using var gate = Lock(directory + ".lock");
        var stampPath = Path.Combine(directory, StampFile);
        if (File.Exists(stampPath) && File.ReadAllText(stampPath) == stamp)
        {
            return directory;
        }

        var staging = directory + ".tmp-" + Environment.ProcessId;
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Copy(source, staging, Path.GetFullPath(directory));
        foreach (var name in Assemblies)
        {
            var path = Path.Combine(staging, name);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"the harness output has no {name} to instrument", path);
            }

            _ = Fuzzer.Instrument(path, _ => true, Options.Value);
        }

        File.WriteAllText(Path.Combine(staging, StampFile), stamp);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.Move(staging, directory);
        return directory;
    }

    // Content hash of every file the instrumented copy is made from (not timestamps: a rebuild with no change reuses it).
    private static string Stamp(string source)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(source, "*.dll").Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Skips the instrumented copy itself (and its staging/lock siblings) when it lives inside the harness directory.
    private static void Copy(string source, string destination, string exclude)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source).Where(f => !Path.GetFullPath(f).StartsWith(exclude, StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(source).Where(d => !Path.GetFullPath(d).StartsWith(exclude, StringComparison.Ordinal)))
        {
            Copy(dir, Path.Combine(destination, Path.GetFileName(dir)), exclude);
        }
    }

    private static FileStream Lock(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(500);
            }
        }
    }
}
