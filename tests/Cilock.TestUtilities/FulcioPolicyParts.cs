using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Cilock.TestUtilities;

/// <summary>
/// Policy pieces for evidence signed keyless against <see cref="SigstoreMock"/>: the mock's Fulcio root as policy root,
/// its TSA chain as timestamp authority, and a root functionary pinned to an identity URI and OIDC issuer.
/// </summary>
public static class FulcioPolicyParts
{
    /// <summary>The policy root id the parts use.</summary>
    public const string RootId = "fulcio";

    /// <summary><c>roots</c>: the mock's Fulcio root under <see cref="RootId"/>.</summary>
    public static JsonObject Roots(SigstoreMock mock)
    {
        ArgumentNullException.ThrowIfNull(mock);
        return new JsonObject { [RootId] = new JsonObject { ["certificate"] = Base64(File.ReadAllText(mock.Env["FULCIO_ROOT_PEM"])) } };
    }

    /// <summary><c>timestampauthorities</c>: the mock TSA's self-signed root with the rest of its chain as intermediates.</summary>
    public static JsonObject TimestampAuthorities(SigstoreMock mock)
    {
        ArgumentNullException.ThrowIfNull(mock);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(File.ReadAllText(mock.Env["TSA_CHAIN_PEM"]));
        var root = chain.Single(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData));
        var others = chain.Where(c => c != root).Select(c => (JsonNode)Base64(c.ExportCertificatePem() + "\n"));
        return new JsonObject
        {
            ["tsa"] = new JsonObject { ["certificate"] = Base64(root.ExportCertificatePem() + "\n"), ["intermediates"] = new JsonArray([.. others]) },
        };
    }

    /// <summary>A <c>functionaries</c> array: one root functionary of <see cref="RootId"/> for exactly this identity URI and issuer.</summary>
    public static JsonArray Functionaries(string identity, string issuer) => new(new JsonObject
    {
        ["type"] = "root",
        ["certConstraint"] = new JsonObject
        {
            ["commonname"] = "*",
            ["dnsnames"] = new JsonArray("*"),
            ["emails"] = new JsonArray("*"),
            ["organizations"] = new JsonArray("*"),
            ["uris"] = new JsonArray(identity),
            ["roots"] = new JsonArray(RootId),
            ["extensions"] = new JsonObject { ["Issuer"] = issuer },
        },
    });

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
