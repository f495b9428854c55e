using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;

namespace Cilock.Tracing;

/// <summary>
/// Finds the bundled <c>cilock-tracer</c> next to this assembly (<c>runtimes/&lt;rid&gt;/native/</c>, the layout of the
/// SDK's <c>tasks/net10.0/</c> folder and of the CLI tool package) and makes sure it can be executed.
/// </summary>
/// <remarks>
/// NuGet packages are zip files and some extractors drop the Unix mode, so the binary may arrive without its exec
/// bit. The package folder is shared (and may be read-only), so it is never modified: instead the binary is copied to
/// a private, content-addressed cache folder (<c>$XDG_CACHE_HOME/cilock/tracer/&lt;sha256&gt;/</c>) through a temporary
/// file that gets the mode before an atomic rename. Concurrent builds either rename identical content or find the
/// finished copy; none ever sees a half-written or non-executable file.
/// </remarks>
internal static class TracerLocator
{
    private const string FileName = "cilock-tracer";

    /// <summary>The runtime identifier folder of this process's architecture.</summary>
    public static string RuntimeIdentifier =>
        RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>Where the bundled tracer lives: next to this assembly, not next to the host (MSBuild loads tasks from the SDK package).</summary>
    public static string BundledPath =>
        Path.Combine(
            Path.GetDirectoryName(typeof(TracerLocator).Assembly.Location) is { Length: > 0 } dir ? dir : AppContext.BaseDirectory,
            "runtimes",
            RuntimeIdentifier,
            "native",
            FileName);

    /// <summary>Returns an executable tracer for <paramref name="path"/> (default: <see cref="BundledPath"/>).</summary>
    /// <exception cref="CilockException">CIL5004 on an unsupported platform; CIL5002 when the binary is missing or cannot be made executable.</exception>
    public static string Resolve(string? path, string? cacheRoot = null)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            throw new CilockException(
                TracingDiagnostics.UnsupportedPlatform,
                $"tracing needs Linux on x64 or arm64 (this is {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}); run without tracing");
        }

        path ??= BundledPath;
        if (!File.Exists(path))
        {
            throw Missing(path, "is missing");
        }

        if (NativeMethods.IsExecutable(path))
        {
            return path;
        }

        try
        {
            return CopyExecutable(path, cacheRoot ?? DefaultCacheRoot());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Missing(path, $"is not executable and could not be copied to the cache ({e.Message})");
        }
    }

    /// <summary>Copies <paramref name="source"/> into a content-addressed folder under <paramref name="cacheRoot"/>, executable.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    internal static string CopyExecutable(string source, string cacheRoot)
    {
        var bytes = File.ReadAllBytes(source);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var dir = Path.Combine(cacheRoot, hash);
        var target = Path.Combine(dir, FileName);
        if (IsIntact(target, hash))
        {
            return target;
        }

        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            // The mode is set on the temporary file before the atomic rename: a concurrent copy of the same content
            // may win the race; both are identical.
            AtomicFile.Write(target, bytes, overwrite: true, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        catch (CilockException e)
        {
            throw new IOException(e.Message, e);
        }

        return IsIntact(target, hash) ? target : throw new IOException($"the cached copy '{target}' does not match the bundled tracer");
    }

    private static bool IsIntact(string path, string sha256) =>
        File.Exists(path) && NativeMethods.IsExecutable(path)
        && Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) == sha256;

    private static string DefaultCacheRoot()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            cache = string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
        }

        return Path.Combine(cache, "cilock", "tracer");
    }

    private static CilockException Missing(string path, string what) => new(
        TracingDiagnostics.TracerMissing,
        $"the bundled tracer '{path}' {what}; reinstall cilock or rebuild src/Cilock.Tracing on Linux with a C compiler");
}
