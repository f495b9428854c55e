using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;

namespace Cilock.Policy.Authoring;

/// <summary>A public key to put into a policy: its verifier (for keyid and signature checks) and PEM text.</summary>
/// <param name="Verifier">The verifier built from the PEM.</param>
/// <param name="Pem">The PEM written into <c>publickeys[].key</c> (canonical SPKI PEM for <c>PUBLIC KEY</c> files).</param>
public sealed record PolicyKey(IVerifier Verifier, string Pem)
{
    /// <summary>Loads a public key or certificate PEM file.</summary>
    /// <exception cref="CilockException">CIL1xxx from the key loader when the file is not a public key.</exception>
    public static PolicyKey Load(string path)
    {
        var verifier = KeyLoader.LoadVerifier(path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        var pem = text;
        try
        {
            var fields = System.Security.Cryptography.PemEncoding.Find(text);
            if (text[fields.Label] == "PUBLIC KEY")
            {
                pem = KeyId.ToCanonicalPem(Convert.FromBase64String(text[fields.Base64Data]));
            }
        }
        catch (ArgumentException)
        {
            // Not PEM at all: the key loader accepted it, so keep the text as it is.
        }

        return new PolicyKey(verifier, pem);
    }

    /// <summary>The policy <c>publickeys</c> entry.</summary>
    internal PolicyPublicKey ToPolicyEntry() => new()
    {
        KeyId = Verifier.KeyId,
        Key = Convert.ToBase64String(Encoding.UTF8.GetBytes(Pem)),
    };

    internal static CilockException NoKey() =>
        new(PolicyDiagnostics.PolicyKeyInvalid, "policy new needs at least one --key PUB.pem to name the functionaries");
}
