using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Feeds;
using Cilock.Gate.Packages;
using NuGet.Common;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace Cilock.Gate.Publishing;

/// <summary>
/// Pushes an already verified <see cref="PackageSnapshot"/> through NuGet.Protocol's
/// <see cref="PackageUpdateResource"/> (the overload with <c>allowInsecureConnections</c>), and fails closed: a push
/// counts as successful only when nothing was thrown AND NuGet logged no error (msbuild-and-nuget.md §6).
/// </summary>
internal sealed class NuGetFeedPusher
{
    internal async Task<PushOutcome> PushAsync(
        PackageSnapshot snapshot,
        FeedSource feed,
        NuGetApiKey? apiKey,
        PushSettings settings,
        SecretScrubber scrubber,
        CancellationToken cancellationToken)
    {
        var logger = new CapturingLogger(scrubber);
        if (feed.Kind == FeedKind.Folder && FindInFolder(feed.Location, snapshot) is { } existing)
        {
            return Fail(logger, GateDiagnostics.Error(
                GateDiagnostics.AlreadyExists,
                $"folder feed '{feed.Display}' already contains {snapshot.Identity.Id} {snapshot.Identity.Version} ('{existing}'); published versions are immutable — bump the version or delete the old package deliberately"));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            var repository = Repository.Factory.GetCoreV3(feed.PackageSource);
            var resource = await repository.GetResourceAsync<PackageUpdateResource>(timeout.Token).ConfigureAwait(false)
                           ?? throw new CilockException(GateDiagnostics.PushFailed, $"feed '{feed.Display}' offers no package publish endpoint (no PackagePublish/2.0.0 in its service index)");

            // A v3 (hierarchical) folder push extracts the package under the client signature policy of these settings.
            resource.Settings = settings.NuGetSettings;
            var (symbolSource, symbolResource) = await SymbolTargetAsync(repository, snapshot, feed, timeout.Token).ConfigureAwait(false);
            var key = apiKey?.Reveal() ?? string.Empty;

            await resource.Push(
                packagePaths: [snapshot.PackagePath],
                symbolSource: symbolSource ?? string.Empty,
                timeoutInSecond: settings.TimeoutSeconds,
                disableBuffering: false,
                getApiKey: _ => key,
                getSymbolApiKey: _ => key,
                noServiceEndpoint: false,
                skipDuplicate: false,
                symbolPackageUpdateResource: symbolResource,
                allowInsecureConnections: settings.AllowInsecureConnections,
                log: logger).ConfigureAwait(false);
        }
        catch (CilockException e)
        {
            return Fail(logger, e.ToDiagnostic());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Everything NuGet throws is a push failure to report, never a crash: fail closed with a coded message.
            return Fail(logger, PushFailureClassifier.Classify(e, feed.Display, scrubber, timeout.IsCancellationRequested));
        }

        var errors = logger.Errors.ToList();
        if (errors.Count > 0)
        {
            var insecure = errors.Any(m => m.Contains("HTTPS", StringComparison.Ordinal) || m.Contains("'HTTP'", StringComparison.Ordinal));
            return Fail(logger, GateDiagnostics.Error(
                insecure ? GateDiagnostics.InsecureSource : GateDiagnostics.PushFailed,
                $"NuGet reported an error pushing to '{feed.Display}': {string.Join(" | ", errors)}"));
        }

        if (feed.Kind == FeedKind.Http)
        {
            return new PushOutcome([], null, Lines(logger));
        }

        return ConfirmFolderCopy(snapshot, feed, logger);
    }

    private static async Task<(string? Source, SymbolPackageUpdateResourceV3? Resource)> SymbolTargetAsync(
        SourceRepository repository, PackageSnapshot snapshot, FeedSource feed, CancellationToken token)
    {
        // Folder feeds: never hand NuGet a symbol source — its folder push names the copy after the package
        // identity, so a .snupkg would overwrite the .nupkg. The gate copies symbols itself after the push.
        if (snapshot.SymbolsPath is null || feed.Kind == FeedKind.Folder)
        {
            return (null, null);
        }

        var symbols = await repository.GetResourceAsync<SymbolPackageUpdateResourceV3>(token).ConfigureAwait(false);
        if (symbols is not null)
        {
            return (symbols.SourceUri.AbsoluteUri, symbols);
        }

        if (snapshot.SymbolsPath.EndsWith(".snupkg", StringComparison.OrdinalIgnoreCase))
        {
            // Without a SymbolPackagePublish endpoint NuGet silently skips a .snupkg; refuse instead of pretending.
            throw new CilockException(GateDiagnostics.SymbolsUnavailable, $"feed '{feed.Display}' advertises no symbol package endpoint (SymbolPackagePublish in its v3 index), so the .snupkg cannot be pushed; push without --symbols or use the feed's v3 index URL");
        }

        return (feed.Location, null);
    }

    private static PushOutcome ConfirmFolderCopy(PackageSnapshot snapshot, FeedSource feed, CapturingLogger logger)
    {
        var landed = FindInFolder(feed.Location, snapshot);
        if (landed is null)
        {
            return Fail(logger, GateDiagnostics.Error(GateDiagnostics.PushFailed, $"NuGet reported success but {snapshot.Identity} is not in folder feed '{feed.Display}'"));
        }

        // Belt and braces: what is now in the feed must be exactly the bytes that were verified.
        string landedSha;
        using (var stream = File.OpenRead(landed))
        {
            landedSha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (!string.Equals(landedSha, snapshot.Sha256, StringComparison.Ordinal))
        {
            return Fail(logger, GateDiagnostics.Error(GateDiagnostics.PublishedCopyMismatch, $"'{landed}' has sha256 {landedSha}, but the verified package has {snapshot.Sha256}; the feed was modified during the push — remove that file"));
        }

        if (snapshot.SymbolsPath is not null)
        {
            var symbolsTarget = landed[..^".nupkg".Length] + SymbolsExtension(snapshot.SymbolsPath);
            Cilock.Attestation.IO.AtomicFile.WriteAllBytes(symbolsTarget, File.ReadAllBytes(snapshot.SymbolsPath));
        }

        return new PushOutcome([], landed, Lines(logger));
    }

    private static string SymbolsExtension(string path) =>
        path.EndsWith(".snupkg", StringComparison.OrdinalIgnoreCase) ? ".snupkg" : ".symbols.nupkg";

    /// <summary>Finds the package in a folder feed in either layout (flat v2 or id/version v3).</summary>
    internal static string? FindInFolder(string root, PackageSnapshot snapshot)
    {
        var v3 = LocalFolderUtility.GetPackageV3(root, snapshot.Identity, NullLogger.Instance);
        if (v3 is not null)
        {
            return v3.Path;
        }

        var v2 = LocalFolderUtility.GetPackageV2(root, snapshot.Identity, NullLogger.Instance, CancellationToken.None);
        return v2?.Path;
    }

    private static PushOutcome Fail(CapturingLogger logger, Diagnostic error) => new([error], null, Lines(logger));

    private static List<string> Lines(CapturingLogger logger) => [.. logger.Messages.Select(m => $"{m.Level}: {m.Message}")];
}
