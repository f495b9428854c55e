using Cilock.Attestation.Signing;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests;

/// <summary>Keys generated per test (never checked in).</summary>
internal static class TestKeys
{
    /// <summary>Writes NAME.key and NAME.pub into <paramref name="dir"/> and loads the signer.</summary>
    public static (string Path, string Pub, ISigner Signer) Create(TempDirectory dir, string name = "signing")
    {
        var key = KeyGenerator.Generate();
        var path = dir.Combine(name + ".key");
        var pub = dir.Combine(name + ".pub");
        KeyGenerator.Write(key, path, pub);
        return (path, pub, KeyLoader.LoadSigner(path));
    }

    /// <summary>A signer whose key exists only in memory.</summary>
    public static ISigner Ephemeral() => KeyLoader.LoadSignerFromPem(KeyGenerator.Generate().PrivateKeyPem, []);
}
