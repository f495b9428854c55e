namespace Cilock.Attestation.Collections;

/// <summary>
/// Predicate type URIs of collections and attestors, the cilock alias table and the W10 registry
/// (spec statement-and-collection.md §2, attestors.md §1).
/// </summary>
public static class AttestationTypes
{
    /// <summary>Prefix of Witness attestor URIs.</summary>
    public const string WitnessPrefix = "https://witness.dev/attestations/";

    /// <summary>Prefix of cilock attestor URIs.</summary>
    public const string CilockPrefix = "https://aflock.ai/attestations/";

    /// <summary>Witness collection predicate type (all Witness versions).</summary>
    public const string CollectionWitness = "https://witness.testifysec.com/attestation-collection/v0.1";

    /// <summary>cilock collection predicate type.</summary>
    public const string CollectionCilock = "https://aflock.ai/attestation-collection/v0.1";

    /// <summary>Witness material (flat map).</summary>
    public const string MaterialWitness = WitnessPrefix + "material/v0.1";

    /// <summary>cilock legacy material (flat map).</summary>
    public const string MaterialCilockV01 = CilockPrefix + "material/v0.1";

    /// <summary>cilock material (Merkle tree with inline leaves).</summary>
    public const string MaterialCilock = CilockPrefix + "material/v0.3";

    /// <summary>Witness product (path → {mime_type, digest}).</summary>
    public const string ProductWitness = WitnessPrefix + "product/v0.1";

    /// <summary>cilock legacy product v0.1 (Witness shape).</summary>
    public const string ProductCilockV01 = CilockPrefix + "product/v0.1";

    /// <summary>cilock legacy product v0.2 (Witness shape).</summary>
    public const string ProductCilockV02 = CilockPrefix + "product/v0.2";

    /// <summary>cilock product (Merkle tree).</summary>
    public const string ProductCilock = CilockPrefix + "product/v0.3";

    /// <summary>Witness command-run.</summary>
    public const string CommandRunWitness = WitnessPrefix + "command-run/v0.1";

    /// <summary>cilock legacy command-run (Witness shape).</summary>
    public const string CommandRunCilockV01 = CilockPrefix + "command-run/v0.1";

    /// <summary>cilock command-run with interned tables.</summary>
    public const string CommandRunCilock = CilockPrefix + "command-run/v0.2";

    /// <summary>Witness environment.</summary>
    public const string EnvironmentWitness = WitnessPrefix + "environment/v0.1";

    /// <summary>cilock environment.</summary>
    public const string EnvironmentCilock = CilockPrefix + "environment/v0.1";

    /// <summary>Witness git.</summary>
    public const string GitWitness = WitnessPrefix + "git/v0.1";

    /// <summary>cilock git.</summary>
    public const string GitCilock = CilockPrefix + "git/v0.1";

    // The "<name>/<version>" tails that cilock resolves from witness.dev to aflock.ai; nothing else is an alias.
    private static readonly HashSet<string> AliasedTails = new(StringComparer.Ordinal)
    {
        "aws/v0.1", "aws-codebuild/v0.1", "command-run/v0.1", "docker/v0.1", "environment/v0.1", "gcp-iit/v0.1",
        "git/v0.1", "github/v0.1", "githubwebhook/v0.1", "gitlab/v0.1", "jenkins/v0.1", "jwt/v0.1", "lockfiles/v0.1",
        "material/v0.1", "maven/v0.1", "oci/v0.1", "omnitrail/v0.1", "product/v0.1", "sarif/v0.1", "sbom/v0.1",
        "secretscan/v0.1", "system-packages/v0.1", "k8smanifest/v0.2",
    };

    private static readonly HashSet<string> W10Types = new(StringComparer.Ordinal)
    {
        WitnessPrefix + "material/v0.1", WitnessPrefix + "product/v0.1", WitnessPrefix + "command-run/v0.1",
        WitnessPrefix + "environment/v0.1", WitnessPrefix + "git/v0.1", WitnessPrefix + "github/v0.1",
        WitnessPrefix + "gitlab/v0.1", WitnessPrefix + "jenkins/v0.1", WitnessPrefix + "jwt/v0.1",
        WitnessPrefix + "secretscan/v0.1", WitnessPrefix + "sbom/v0.1", WitnessPrefix + "sarif/v0.1",
        WitnessPrefix + "aws/v0.1", WitnessPrefix + "aws-codebuild/v0.1", WitnessPrefix + "gcp-iit/v0.1",
        WitnessPrefix + "docker/v0.1", WitnessPrefix + "oci/v0.1", WitnessPrefix + "maven/v0.1",
        WitnessPrefix + "lockfiles/v0.1", WitnessPrefix + "system-packages/v0.1", WitnessPrefix + "k8smanifest/v0.2",
        WitnessPrefix + "omnitrail/v0.1",
        "https://spdx.dev/Document", "https://cyclonedx.org/bom", "https://in-toto.io/attestation/link/v0.3",
        "https://slsa.dev/provenance/v1.0", "https://openvex.dev/ns", "https://slsa.dev/verification_summary/v1",
    };

    /// <summary>Every attestation type the Witness v0.10 CLI registers (and can therefore load).</summary>
    public static IReadOnlyCollection<string> W10Registry => W10Types;

    /// <summary>Whether W10 can load an entry of type <paramref name="uri"/> (one unknown type fails the envelope).</summary>
    public static bool IsWitnessLoadable(string uri) => W10Types.Contains(uri);

    /// <summary>Whether <paramref name="predicateType"/> is an attestation collection in either dialect.</summary>
    public static bool IsCollection(string predicateType) =>
        predicateType is CollectionWitness or CollectionCilock;

    /// <summary>
    /// The cilock alias resolution: the Witness collection URI and the 23 listed Witness attestor URIs map to the
    /// aflock.ai URI of the same name and version; every other URI (including version bumps) is returned unchanged.
    /// </summary>
    public static string Resolve(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri == CollectionWitness)
        {
            return CollectionCilock;
        }

        if (uri.StartsWith(WitnessPrefix, StringComparison.Ordinal) && AliasedTails.Contains(uri[WitnessPrefix.Length..]))
        {
            return CilockPrefix + uri[WitnessPrefix.Length..];
        }

        return uri;
    }

    /// <summary>The collection predicate type written in <paramref name="dialect"/>.</summary>
    public static string CollectionType(Attestors.Dialect dialect) =>
        dialect == Attestors.Dialect.Witness ? CollectionWitness : CollectionCilock;
}
