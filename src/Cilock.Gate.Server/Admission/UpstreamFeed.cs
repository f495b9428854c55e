using Microsoft.AspNetCore.Http;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace Cilock.Gate.Server.Admission;

/// <summary>Locating and deleting packages upstream (folder feeds directly; HTTP feeds through NuGet.Protocol).</summary>
internal static class UpstreamFeed
{
    /// <summary>The package file in a flat (v2) or hierarchical (v3) folder feed, or <c>null</c>.</summary>
    internal static string? Find(string folder, string id, string version)
    {
        var candidates = new[]
        {
            Path.Combine(folder, $"{id}.{version}.nupkg"),
            Path.Combine(folder, id.ToLowerInvariant(), version.ToLowerInvariant(), $"{id}.{version}.nupkg".ToLowerInvariant()),
        };
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is not null || !Directory.Exists(folder))
        {
            return found;
        }

        // Flat feeds on case-sensitive file systems: the file may differ from the request in case only.
        var name = $"{id}.{version}.nupkg";
        return Directory.EnumerateFiles(folder, "*.nupkg").FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Deletes (unlists, for servers that only unlist) <paramref name="id"/> <paramref name="version"/> upstream.</summary>
    /// <returns>The status to answer and a one-line message.</returns>
    internal static async Task<(int Status, string Message)> DeleteAsync(GateSettings settings, string id, string version, CancellationToken cancellationToken)
    {
        if (!settings.UpstreamIsHttp)
        {
            var package = Find(settings.UpstreamSource, id, version);
            if (package is null)
            {
                return (StatusCodes.Status404NotFound, $"{id} {version} is not in the upstream feed");
            }

            try
            {
                foreach (var file in new[] { package + ".intoto.jsonl", Path.ChangeExtension(package, ".snupkg"), package })
                {
                    File.Delete(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (StatusCodes.Status503ServiceUnavailable, $"{id} {version} could not be deleted from the upstream folder ({e.GetType().Name})");
            }

            return (StatusCodes.Status204NoContent, "Deleted");
        }

        var source = new PackageSource(settings.UpstreamSource) { AllowInsecureConnections = settings.AllowInsecureUpstream };
        var key = settings.UpstreamApiKeyValue ?? string.Empty;
        try
        {
            var repository = Repository.Factory.GetCoreV3(source);
            var resource = await repository.GetResourceAsync<PackageUpdateResource>(cancellationToken).ConfigureAwait(false);
            if (resource is null)
            {
                return (StatusCodes.Status501NotImplemented, "the upstream feed offers no package publish endpoint, so it cannot delete");
            }

            await resource.Delete(id, version, _ => key, _ => true, noServiceEndpoint: false, NullLogger.Instance).ConfigureAwait(false);
            return (StatusCodes.Status204NoContent, "Deleted");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception text can quote the request; only its type is reported (the upstream key must never leak).
            return (StatusCodes.Status503ServiceUnavailable, $"the upstream feed did not delete {id} {version} ({e.GetType().Name})");
        }
    }
}
