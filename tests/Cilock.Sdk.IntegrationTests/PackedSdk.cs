using System.Reflection;
using Cilock.Attestation.Signing;
using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// Packs Cilock.Sdk once per test run with a unique version into a private folder feed and gives every test an
/// isolated environment: its own NUGET_PACKAGES (the SDK package is extracted there, never into ~/.nuget), its own
/// CILOCK_HOME, a generated signing key and no MSBuild node reuse (a reused node would keep old task code loaded).
/// </summary>
[TestClass]
public static class PackedSdk
{
    private static string? _root;

    /// <summary>Root of everything this run writes.</summary>
    public static string Root => _root ?? throw new InvalidOperationException("the SDK was not packed");

    /// <summary>The unique version packed for this run.</summary>
    public static string Version { get; private set; } = "";

    /// <summary>The folder feed holding Cilock.Sdk.</summary>
    public static string Feed => Path.Combine(Root, "feed");

    /// <summary>The PEM private key every build signs with (CilockSigningKey).</summary>
    public static string KeyPath => Path.Combine(Root, "keys", "sdk-tests.key");

    /// <summary>The matching public key.</summary>
    public static string PublicKeyPath => Path.Combine(Root, "keys", "sdk-tests.pub");

    /// <summary>Packs the SDK from the already-built task assembly.</summary>
    [AssemblyInitialize]
    public static void Initialize(TestContext context)
    {
        _ = context;
        _root = Path.Combine(Path.GetTempPath(), $"cilock-sdk-it-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        Version = $"0.1.0-it.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var configuration = typeof(PackedSdk).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "CilockConfiguration").Value!;
        var project = Path.Combine(SharedData.RepositoryRoot, "src", "Cilock.Sdk", "Cilock.Sdk.csproj");
        var result = ProcessRunner.Run("dotnet", ["pack", project, "--no-build", "-c", configuration, "-nologo", "-nodeReuse:false",
            $"-p:PackageVersion={Version}", "-o", Feed], environment: BaseEnvironment());
        if (result.ExitCode != 0 || !File.Exists(Path.Combine(Feed, $"Cilock.Sdk.{Version}.nupkg")))
        {
            throw new InvalidOperationException("packing Cilock.Sdk failed:\n" + result.Output);
        }

        KeyGenerator.Write(KeyGenerator.Generate(KeyAlgorithm.EcdsaP256), KeyPath, PublicKeyPath);
    }

    /// <summary>Deletes the run folder unless CILOCK_KEEP_TEST_OUTPUT is set (for post-mortems).</summary>
    [AssemblyCleanup]
    public static void Cleanup()
    {
        if (_root is null || Environment.GetEnvironmentVariable("CILOCK_KEEP_TEST_OUTPUT") is { Length: > 0 })
        {
            return;
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Runs <c>dotnet</c> in <paramref name="workingDirectory"/> with the isolated environment.</summary>
    public static ProcessResult Dotnet(string workingDirectory, IReadOnlyDictionary<string, string?>? extraEnvironment, params string[] arguments)
    {
        var environment = BaseEnvironment();
        environment["CilockSigningKey"] = KeyPath;
        foreach (var (k, v) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[k] = v;
        }

        return ProcessRunner.Run("dotnet", [.. arguments, "-nodeReuse:false"], workingDirectory, environment, TimeSpan.FromMinutes(8));
    }

    /// <summary>Runs <c>dotnet</c> and fails the test (with the build log) when it does not exit 0.</summary>
    public static ProcessResult DotnetOk(string workingDirectory, params string[] arguments)
    {
        var result = Dotnet(workingDirectory, null, arguments);
        Assert.AreEqual(0, result.ExitCode, $"dotnet {string.Join(' ', arguments)} failed:\n{result.Output}");
        return result;
    }

    /// <summary>
    /// Creates a workspace folder under the run root: nuget.config (the local feed, plus the normal sources), a
    /// global.json that pins the SDK version (for Sdk elements without a version), and a git repository.
    /// </summary>
    public static string CreateWorkspace(string name, string? copyFrom = null)
    {
        var dir = Path.Combine(Root, name);
        if (copyFrom is not null)
        {
            CopyDirectory(copyFrom, dir);
        }

        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="cilock-tests" value="{Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-cache" value="{UserPackageCache}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "global.json"), $$"""
            { "sdk": { "version": "10.0.100", "rollForward": "latestFeature" }, "msbuild-sdks": { "Cilock.Sdk": "{{Version}}" } }
            """);
        Git(dir, "init", "-q");
        Git(dir, "add", "-A");
        Git(dir, "-c", "user.name=Cilock Tests", "-c", "user.email=tests@cilock.invalid", "commit", "-q", "-m", "sample", "--date", "2024-05-06T07:08:09Z");
        return dir;
    }

    // Packages the machine already has (MSTest, Test.Sdk) are read from the user's cache, so restores stay fast and
    // offline; Cilock.Sdk itself has a version no cache holds and is always extracted into the private folder.
    private static string UserPackageCache =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void Git(string dir, params string[] arguments)
    {
        var env = new Dictionary<string, string?> { ["GIT_COMMITTER_DATE"] = "2024-05-06T07:08:09Z" };
        var result = ProcessRunner.Run("git", arguments, dir, env);
        Assert.AreEqual(0, result.ExitCode, $"git {string.Join(' ', arguments)}: {result.Output}");
    }

    private static Dictionary<string, string?> BaseEnvironment() => new()
    {
        ["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-packages"),
        ["CILOCK_HOME"] = Path.Combine(Root, "cilock-home"),
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        // The test host may run under a terminal logger or CI variables; builds here must be plain and alike.
        ["MSBUILDTERMINALLOGGER"] = "off",
        ["CilockSigningKey"] = null,
        ["SOURCE_DATE_EPOCH"] = null,
    };

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
