using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Crypto;

/// <summary>
/// Reads the Fulcio identity extensions (OID arc 1.3.6.1.4.1.57264.1) of a signing certificate under the names
/// sigstore/fulcio's <c>certificate.Extensions</c> uses (spec dsse-and-keys.md §7, policy.md §3.3). Arcs .1–.6
/// carry the raw UTF-8 value; .8 and later carry a DER UTF8String. Issuer comes from .8, else .1.
/// </summary>
public static class FulcioExtensions
{
    private const string Arc = "1.3.6.1.4.1.57264.1.";

    private static readonly (int Arc, string Name)[] Table =
    [
        (1, "Issuer"), (2, "GithubWorkflowTrigger"), (3, "GithubWorkflowSHA"), (4, "GithubWorkflowName"),
        (5, "GithubWorkflowRepository"), (6, "GithubWorkflowRef"), (8, "Issuer"), (9, "BuildSignerURI"),
        (10, "BuildSignerDigest"), (11, "RunnerEnvironment"), (12, "SourceRepositoryURI"), (13, "SourceRepositoryDigest"),
        (14, "SourceRepositoryRef"), (15, "SourceRepositoryIdentifier"), (16, "SourceRepositoryOwnerURI"),
        (17, "SourceRepositoryOwnerIdentifier"), (18, "BuildConfigURI"), (19, "BuildConfigDigest"), (20, "BuildTrigger"),
        (21, "RunInvocationURI"), (22, "SourceRepositoryVisibilityAtSigning"), (23, "DeploymentEnvironment"), (24, "Subject"),
    ];

    /// <summary>Every extension name a policy may constrain (PascalCase, as Go's JSON binding spells them).</summary>
    public static IReadOnlyList<string> KnownNames { get; } = [.. Table.Select(t => t.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>Returns the Fulcio extensions present on <paramref name="certificate"/>, keyed case-insensitively by name.</summary>
    /// <exception cref="CilockException">CIL1016 when an extension from .8 on is not a DER UTF8String (Fulcio refuses such certificates).</exception>
    public static IReadOnlyDictionary<string, string> Read(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var extension in certificate.Extensions)
        {
            var oid = extension.Oid?.Value;
            if (oid is null || !oid.StartsWith(Arc, StringComparison.Ordinal) || !int.TryParse(oid.AsSpan(Arc.Length), out var arc))
            {
                continue;
            }

            var name = Array.Find(Table, t => t.Arc == arc).Name;
            if (name is null)
            {
                continue;
            }

            if (arc <= 6)
            {
                // The deprecated raw Issuer (.1) never overrides the DER one (.8).
                if (arc != 1 || !result.ContainsKey(name))
                {
                    result[name] = Encoding.UTF8.GetString(extension.RawData);
                }

                continue;
            }

            try
            {
                var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
                var value = reader.ReadCharacterString(UniversalTagNumber.UTF8String);
                reader.ThrowIfNotEmpty();
                result[name] = value;
            }
            catch (AsnContentException)
            {
                throw new CilockException(CryptoDiagnostics.CertificateMalformed, $"certificate extension {oid} ({name}) is not a DER UTF8String");
            }
        }

        return result;
    }
}
