using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;
using NuGet.Configuration;

namespace Cilock.Gate.Publishing;

/// <summary>
/// Finds the API key for a push: first the named environment variable (default <c>NUGET_API_KEY</c>), then the
/// <c>apikeys</c> section of NuGet configuration for the source (what <c>dotnet nuget setapikey</c> writes).
/// The key value never appears in a returned diagnostic.
/// </summary>
public static class NuGetApiKeyResolver
{
    /// <summary>The default environment variable.</summary>
    public const string DefaultEnvironmentVariable = "NUGET_API_KEY";

    /// <summary>Resolves the key for <paramref name="source"/>.</summary>
    /// <param name="environmentVariable">Variable to read; <c>null</c> or empty = <see cref="DefaultEnvironmentVariable"/>.</param>
    /// <param name="source">The push source as given (URL or folder).</param>
    /// <param name="configurationRoot">Folder to load NuGet configuration from; <c>null</c> = current directory.</param>
    /// <param name="notes">Warnings (e.g. an encrypted key that cannot be decrypted on this OS).</param>
    /// <param name="getEnvironmentVariable">Environment lookup (tests inject one); default reads the process environment.</param>
    /// <returns>The key, or <c>null</c> when none is configured (folder feeds need none).</returns>
    public static NuGetApiKey? Resolve(
        string? environmentVariable,
        string source,
        string? configurationRoot,
        out IReadOnlyList<Diagnostic> notes,
        Func<string, string?>? getEnvironmentVariable = null)
    {
        notes = [];
        var name = string.IsNullOrWhiteSpace(environmentVariable) ? DefaultEnvironmentVariable : environmentVariable;
        var value = (getEnvironmentVariable ?? Environment.GetEnvironmentVariable)(name);
        if (!string.IsNullOrEmpty(value))
        {
            return new NuGetApiKey(value) { Origin = $"environment variable {name}" };
        }

        ISettings settings;
        try
        {
            settings = Settings.LoadDefaultSettings(configurationRoot ?? Environment.CurrentDirectory);
        }
        catch (NuGetConfigurationException)
        {
            return null;
        }

        // Keys are stored per source URL; a source given by name is looked up under its URL.
        var url = Uri.TryCreate(source, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : FindByName(settings, source);
        var key = url is null ? null : FromConfiguration(settings, url, ref notes);
        return key ?? (url == source ? null : FromConfiguration(settings, source, ref notes));
    }

    private static string? FindByName(ISettings settings, string name)
    {
        try
        {
            return new PackageSourceProvider(settings).GetPackageSourceByName(name)?.Source;
        }
        catch (NuGetConfigurationException)
        {
            return null;
        }
    }

    private static NuGetApiKey? FromConfiguration(ISettings settings, string key, ref IReadOnlyList<Diagnostic> notes)
    {
        try
        {
            var value = SettingsUtility.GetDecryptedValueForAddItem(settings, ConfigurationConstants.ApiKeys, key);
            return string.IsNullOrEmpty(value) ? null : new NuGetApiKey(value) { Origin = "NuGet configuration (apikeys)" };
        }
        catch (Exception e) when (e is NotSupportedException or System.Security.Cryptography.CryptographicException
                                      or NuGetConfigurationException or FormatException or PlatformNotSupportedException)
        {
            // Do not include e.Message: decryption errors can echo configuration content.
            notes = [.. notes, Diagnostic.Warning(GateDiagnostics.ApiKeyUnavailable, $"an API key for '{key}' is configured in NuGet configuration but cannot be read on this machine ({e.GetType().Name}); set it in an environment variable and pass --api-key-env")];
            return null;
        }
    }
}
