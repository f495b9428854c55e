using Cilock.Attestation.Signing;

namespace Cilock.Policy.Tests.Support;

/// <summary>A freshly generated key pair for one test.</summary>
internal sealed record TestKey(ISigner Signer, IVerifier Verifier, string PublicPem, string PrivatePem)
{
    public string KeyId => Verifier.KeyId;

    public static TestKey Create(KeyAlgorithm algorithm = KeyAlgorithm.EcdsaP256)
    {
        var generated = KeyGenerator.Generate(algorithm);
        return new TestKey(
            KeyLoader.LoadSignerFromPem(generated.PrivateKeyPem, ReadOnlySpan<char>.Empty),
            KeyLoader.LoadVerifierFromPem(generated.PublicKeyPem),
            generated.PublicKeyPem,
            generated.PrivateKeyPem);
    }

    /// <summary>Writes the key pair to <paramref name="dir"/> and returns (private, public) paths.</summary>
    public (string Private, string Public) WriteTo(string dir, string name)
    {
        var priv = Path.Combine(dir, name + ".key");
        var pub = Path.Combine(dir, name + ".pub");
        File.WriteAllText(priv, PrivatePem);
        File.WriteAllText(pub, PublicPem);
        return (priv, pub);
    }
}
