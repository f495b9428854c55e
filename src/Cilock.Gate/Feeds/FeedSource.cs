using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;
using NuGet.Configuration;

namespace Cilock.Gate.Feeds;

/// <summary>
/// A push destination resolved from what the user typed: a configured source name, an http(s) URL (full push URL
/// or v3 <c>index.json</c>), a <c>file:</c> URL or a folder path. Resolution checks what can be checked without
/// contacting the feed: the folder exists, and plain http is refused unless explicitly allowed.
/// </summary>
internal sealed class FeedSource
{
    private FeedSource(FeedKind kind, PackageSource packageSource, string display)
    {
        Kind = kind;
        PackageSource = packageSource;
        Display = display;
    }

    internal FeedKind Kind { get; }

    /// <summary>The NuGet source (carries credentials when it came from NuGet configuration).</summary>
    internal PackageSource PackageSource { get; }

    /// <summary>The URL or full folder path as NuGet sees it.</summary>
    internal string Location => PackageSource.Source;

    /// <summary>A printable form: never contains URL user-info.</summary>
    internal string Display { get; }

    /// <summary>Resolves <paramref name="source"/>.</summary>
    /// <param name="source">Name, URL or folder.</param>
    /// <param name="settings">NuGet settings to look source names up in, or <c>null</c>.</param>
    /// <param name="allowInsecureConnections">Whether an http:// feed is acceptable.</param>
    /// <exception cref="CilockException">CIL3814 invalid source, CIL3809 insecure http, CIL3803 missing folder.</exception>
    internal static FeedSource Resolve(string source, ISettings? settings, bool allowInsecureConnections)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new CilockException(GateDiagnostics.InvalidSource, "no push source given; pass a folder, an http(s) feed URL or a configured source name");
        }

        var configured = settings is null ? null : FindConfigured(settings, source);
        var location = configured?.Source ?? source;

        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            var display = StripUserInfo(uri);
            if (uri.Scheme == Uri.UriSchemeHttp && !allowInsecureConnections)
            {
                throw new CilockException(
                    GateDiagnostics.InsecureSource,
                    $"refusing to push to '{display}' over plain HTTP: the API key and package would travel unencrypted; use https, or pass --allow-insecure-connections (-p:CilockAllowInsecureConnections=true) for a trusted local feed");
            }

            var packageSource = configured is null
                ? new PackageSource(location)
                : new PackageSource(location, configured.Name) { Credentials = configured.Credentials };
            packageSource.AllowInsecureConnections = allowInsecureConnections;
            return new FeedSource(FeedKind.Http, packageSource, display);
        }

        string folder;
        if (uri is not null && uri.IsFile)
        {
            folder = uri.LocalPath;
        }
        else if (uri is not null && uri.Scheme.Length > 1 && !OperatingSystem.IsWindows())
        {
            throw new CilockException(GateDiagnostics.InvalidSource, $"unsupported push source '{source}': use an https:// feed URL, a v3 index.json URL or a folder");
        }
        else
        {
            try
            {
                folder = Path.GetFullPath(location);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new CilockException(GateDiagnostics.InvalidSource, $"invalid push source '{source}': {e.Message}", e);
            }
        }

        if (!Directory.Exists(folder))
        {
            throw new CilockException(
                GateDiagnostics.FolderFeedMissing,
                $"folder feed '{folder}' does not exist; create it first (a typo here would otherwise publish to a new, unintended folder)");
        }

        return new FeedSource(FeedKind.Folder, new PackageSource(folder), folder);
    }

    private static PackageSource? FindConfigured(ISettings settings, string source)
    {
        try
        {
            var provider = new PackageSourceProvider(settings);
            return provider.GetPackageSourceByName(source) ?? provider.GetPackageSourceBySource(source);
        }
        catch (NuGetConfigurationException)
        {
            // An unreadable config must not block pushing to an explicit URL/folder; names then simply do not resolve.
            return null;
        }
    }

    private static string StripUserInfo(Uri uri) =>
        uri.UserInfo.Length == 0 ? uri.AbsoluteUri : new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri;
}
