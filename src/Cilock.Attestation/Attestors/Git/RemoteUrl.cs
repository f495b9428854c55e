using System.Text.RegularExpressions;

namespace Cilock.Attestation.Attestors.Git;

/// <summary>Removes credentials from remote URLs before they are recorded.</summary>
internal static partial class RemoteUrl
{
    /// <summary>
    /// <c>https://user:token@host/x</c> → <c>https://host/x</c> (any user info is a credential over HTTP);
    /// for other schemes only a password is removed (<c>ssh://git:pw@host</c> → <c>ssh://git@host</c>);
    /// scp-like <c>git@host:org/repo</c> carries no secret and is kept.
    /// </summary>
    public static string StripCredentials(string url)
    {
        var match = WithUserInfo().Match(url);
        if (!match.Success)
        {
            return url;
        }

        var scheme = match.Groups["scheme"].Value;
        var rest = url[match.Length..];
        if (scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return $"{scheme}://{rest}";
        }

        var user = match.Groups["user"].Value;
        var colon = user.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? url : $"{scheme}://{user[..colon]}@{rest}";
    }

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?<user>[^/]*)@", RegexOptions.CultureInvariant)]
    private static partial Regex WithUserInfo();
}
