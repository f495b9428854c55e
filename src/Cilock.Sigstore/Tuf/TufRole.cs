namespace Cilock.Sigstore.Tuf;

/// <summary>The four top-level TUF roles.</summary>
internal static class TufRole
{
    public const string Root = "root";
    public const string Timestamp = "timestamp";
    public const string Snapshot = "snapshot";
    public const string Targets = "targets";
}
