namespace Cilock.Gate.Server.Configuration;

/// <summary>One client allowed to push: the SHA-256 of its API key (never the key itself) and its identity.</summary>
public sealed class PusherOptions
{
    /// <summary>The name recorded in the audit log for pushes made with this key.</summary>
    public string Identity { get; set; } = "";

    /// <summary>Lowercase or uppercase hex SHA-256 of the UTF-8 API key (<c>printf %s KEY | sha256sum</c>).</summary>
    public string ApiKeySha256 { get; set; } = "";
}
