using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;

namespace Cilock.Attestation.Signing;

/// <summary>
/// Zero-configuration signing: one ECDSA P-256 key per user at <c>$CILOCK_HOME/keys/default.key</c> (or
/// <c>~/.cilock/keys/default.key</c>) plus <c>default.pub</c>, created on first use with mode 0600 in a 0700 folder.
/// Two processes racing on first use end up with the same key: the private key is published with a no-overwrite
/// rename and the loser reads the winner's file.
/// </summary>
public static class UserKeyStore
{
    /// <summary>The environment variable that relocates the cilock home folder.</summary>
    public const string HomeEnvironmentVariable = "CILOCK_HOME";

    private const string PrivateKeyName = "default.key";
    private const string PublicKeyName = "default.pub";

    /// <summary>The key folder: <c>$CILOCK_HOME/keys</c> when set, else <c>~/.cilock/keys</c>.</summary>
    /// <exception cref="CilockException">CIL1008 when neither <c>CILOCK_HOME</c> nor a home folder is known.</exception>
    public static string DefaultDirectory
    {
        get
        {
            var home = Environment.GetEnvironmentVariable(HomeEnvironmentVariable);
            if (string.IsNullOrWhiteSpace(home))
            {
                var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);

                // Never fall back to a folder relative to the working directory: the key would land inside a repository.
                home = string.IsNullOrEmpty(profile)
                    ? throw new CilockException(CryptoDiagnostics.KeyStoreFailed, $"cannot locate the home folder for the per-user signing key; set {HomeEnvironmentVariable} or pass a key explicitly")
                    : Path.Combine(profile, ".cilock");
            }

            return Path.Combine(Path.GetFullPath(home), "keys");
        }
    }

    /// <summary>Returns the user's key from <see cref="DefaultDirectory"/>, creating it on first use.</summary>
    /// <param name="created"><c>true</c> when this call generated the key.</param>
    /// <exception cref="CilockException">CIL1008 when the key cannot be created or the existing one cannot be read.</exception>
    public static UserKey GetOrCreate(out bool created) => GetOrCreate(DefaultDirectory, out created);

    /// <summary>Returns the key stored in <paramref name="directory"/>, creating it on first use.</summary>
    /// <exception cref="CilockException">CIL1008 when the key cannot be created or the existing one cannot be read.</exception>
    public static UserKey GetOrCreate(string directory, out bool created)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var dir = Path.GetFullPath(directory);
        var privatePath = Path.Combine(dir, PrivateKeyName);
        var publicPath = Path.Combine(dir, PublicKeyName);
        created = false;
        try
        {
            if (!File.Exists(privatePath))
            {
                CreateDirectory(dir);
                created = CreateOnce(privatePath);
            }

            var signer = KeyLoader.LoadSignerFromPem(KeyLoader.ReadKeyFile(privatePath), []);
            var publicPem = KeyId.ToCanonicalPem(((IHasPublicKey)signer).SubjectPublicKeyInfo);
            if (!File.Exists(publicPath) || File.ReadAllText(publicPath) != publicPem)
            {
                // Derived from the private key, so every racer writes identical bytes.
                AtomicFile.WriteAllText(publicPath, publicPem);
            }

            return new UserKey(signer, privatePath, publicPath);
        }
        catch (CilockException e) when (e.Code != CryptoDiagnostics.KeyStoreFailed)
        {
            throw new CilockException(CryptoDiagnostics.KeyStoreFailed, $"the per-user signing key in '{dir}' is unusable ({e.Code}: {e.Message}); fix or delete it, or pass a key explicitly", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(CryptoDiagnostics.KeyStoreFailed, $"cannot create the per-user signing key in '{dir}': {e.Message}", e);
        }
    }

    // One creator per key, across threads and processes: the creator is whoever creates the marker file with
    // O_CREAT|O_EXCL (atomic on every POSIX file system and on Windows, unlike the no-overwrite rename, which .NET
    // emulates with a racy exists-check where hard links are unsupported). The others wait for the key to appear.
    // A marker older than a minute is a crashed creator's and is taken over.
    private static bool CreateOnce(string privatePath)
    {
        var marker = privatePath + ".creating";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (File.Exists(privatePath))
            {
                return false;
            }

            FileStream? claim = null;
            try
            {
                claim = new FileStream(marker, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (File.Exists(marker))
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(marker) > TimeSpan.FromMinutes(1))
                {
                    TryDelete(marker);
                }
                else if (DateTime.UtcNow > deadline)
                {
                    throw new IOException($"another process has been creating the key for 30 s (remove '{marker}' if none is running)");
                }

                Thread.Sleep(20);
                continue;
            }

            try
            {
                if (File.Exists(privatePath))
                {
                    return false;
                }

                var key = KeyGenerator.Generate(KeyAlgorithm.EcdsaP256);
                return AtomicFile.Write(privatePath, System.Text.Encoding.UTF8.GetBytes(key.PrivateKeyPem), overwrite: false, KeyGenerator.PrivateKeyMode);
            }
            finally
            {
                claim.Dispose();
                TryDelete(marker);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover marker is taken over after a minute.
        }
    }

    private static void CreateDirectory(string dir)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
        }
        else
        {
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
