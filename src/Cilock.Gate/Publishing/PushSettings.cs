namespace Cilock.Gate.Publishing;

/// <summary>Transport settings for one push.</summary>
/// <param name="TimeoutSeconds">Overall timeout in seconds (NuGet's own per-request timeout uses the same value).</param>
/// <param name="AllowInsecureConnections">Whether plain http:// feeds are allowed.</param>
/// <param name="NuGetSettings">NuGet configuration (client signature policy for v3 folder feeds).</param>
internal sealed record PushSettings(int TimeoutSeconds, bool AllowInsecureConnections, NuGet.Configuration.ISettings NuGetSettings);
