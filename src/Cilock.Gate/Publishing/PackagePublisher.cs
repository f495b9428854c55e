using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Feeds;
using Cilock.Gate.Packages;
using Cilock.Gate.Verification;
using NuGet.Configuration;

namespace Cilock.Gate.Publishing;

/// <summary>
/// Verify-then-push. The package is read once into a private copy; that copy's sha256 is what the verifier checks
/// against the evidence and that copy is what NuGet pushes, so a package swapped after the check cannot be published.
/// Fails closed: any verifier error, thrown push exception or NuGet-logged error means "not published".
/// </summary>
public sealed class PackagePublisher
{
    private readonly IPackageVerifier _verifier;
    private readonly NuGetFeedPusher _pusher = new();

    /// <summary>Creates a publisher that asks <paramref name="verifier"/> before every push.</summary>
    public PackagePublisher(IPackageVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _verifier = verifier;
    }

    /// <summary>Test hook: runs after the private copy is taken and before verification.</summary>
    internal Action<string>? AfterSnapshot { get; set; }

    /// <summary>Verifies and pushes one package.</summary>
    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scrubber = new SecretScrubber([request.ApiKey?.Reveal()]);
        var diagnostics = new List<Diagnostic>();

        FeedSource feed;
        var nugetSettings = LoadSettings(request.ConfigurationRoot, diagnostics);
        try
        {
            feed = FeedSource.Resolve(request.Source, nugetSettings, request.AllowInsecureConnections);
            scrubber = new SecretScrubber([request.ApiKey?.Reveal(), feed.PackageSource.Credentials?.Password]);
        }
        catch (CilockException e)
        {
            return Failed(diagnostics, e.ToDiagnostic(), scrubber);
        }

        if (request.Evidence.Count == 0)
        {
            return new PublishResult(PublishOutcome.Refused, [.. diagnostics,
                GateDiagnostics.Error(GateDiagnostics.EvidenceMissing, $"no evidence for '{request.PackagePath}': its sidecar '{Path.GetFileName(request.PackagePath)}.intoto.jsonl' is missing and no --attestations were given; nothing was pushed"),
            ]) { Feed = feed.Display };
        }

        var missing = request.Evidence.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null)
        {
            return Failed(diagnostics, GateDiagnostics.Error(GateDiagnostics.EvidenceMissing, $"evidence '{missing}' not found"), scrubber) with { Feed = feed.Display };
        }

        PackageSnapshot snapshot;
        try
        {
            snapshot = PackageSnapshot.Create(request.PackagePath, request.SymbolsPath, request.Evidence);
        }
        catch (CilockException e)
        {
            return Failed(diagnostics, e.ToDiagnostic(), scrubber) with { Feed = feed.Display };
        }

        using (snapshot)
        {
            AfterSnapshot?.Invoke(snapshot.PackagePath);
            var result = new PublishResult(PublishOutcome.Failed, diagnostics)
            {
                PackageId = snapshot.Identity.Id,
                PackageVersion = snapshot.Identity.Version.ToNormalizedString(),
                Sha256 = snapshot.Sha256,
                Feed = feed.Display,
            };

            var verdict = Verify(snapshot, request, scrubber, out var verifierError);
            if (verifierError is not null)
            {
                return result with { Diagnostics = [.. diagnostics, verifierError] };
            }

            if (!verdict!.Passed)
            {
                return result with
                {
                    Outcome = PublishOutcome.Refused,
                    Diagnostics = [.. diagnostics,
                        GateDiagnostics.Error(GateDiagnostics.Refused, $"{snapshot.Identity.Id} {snapshot.Identity.Version.ToNormalizedString()} (sha256 {snapshot.Sha256}) failed policy verification; nothing was pushed to '{feed.Display}'"),
                        .. verdict.Reasons],
                };
            }

            diagnostics.AddRange(verdict.Reasons.Where(r => r.Severity != DiagnosticSeverity.Error));
            byte[]? sidecar = null;
            if (feed.Kind == FeedKind.Folder)
            {
                try
                {
                    sidecar = EvidenceSidecar.Compose(snapshot, request, verdict, diagnostics);
                }
                catch (CilockException e)
                {
                    return result with { Diagnostics = [.. diagnostics, e.ToDiagnostic()] };
                }
            }

            var settings = new PushSettings(Math.Max(1, request.TimeoutSeconds), request.AllowInsecureConnections, nugetSettings ?? NullSettings.Instance);
            var outcome = await _pusher.PushAsync(snapshot, feed, request.ApiKey, settings, scrubber, cancellationToken).ConfigureAwait(false);
            result = result with { NuGetLog = outcome.Log, PublishedPath = outcome.PublishedPath };
            if (!outcome.Succeeded)
            {
                return result with { Diagnostics = [.. diagnostics, .. outcome.Errors] };
            }

            return PublishSidecar(result with { Outcome = PublishOutcome.Pushed, Diagnostics = diagnostics }, sidecar);
        }
    }

    private PackageVerdict? Verify(PackageSnapshot snapshot, PublishRequest request, SecretScrubber scrubber, out Diagnostic? error)
    {
        error = null;
        var evidence = request.Evidence.Select(snapshot.EvidenceFor).Distinct(StringComparer.Ordinal).ToList();
        var verificationRequest = new PackageVerificationRequest(
            snapshot.PackagePath, snapshot.Digest, snapshot.Identity.Id, snapshot.Identity.Version.ToNormalizedString(), evidence);
        try
        {
            var verdict = _verifier.Verify(verificationRequest, CancellationToken.None);
            if (verdict is null || (!verdict.Passed && verdict.Reasons.Count == 0))
            {
                // A verifier that says "no" without a reason is still a "no"; say so instead of printing nothing.
                return new PackageVerdict(false, [GateDiagnostics.Error(GateDiagnostics.VerificationError, "the verifier rejected the package without giving a reason")]);
            }

            return verdict with
            {
                Reasons = [.. verdict.Reasons.Select(r => r with
                {
                    Message = snapshot.ToOriginalPaths(scrubber.Scrub(r.Message)),
                    File = r.File is null ? null : snapshot.ToOriginalPaths(r.File),
                })],
            };
        }
        catch (CilockException e)
        {
            error = Diagnostic.Error(e.Code, snapshot.ToOriginalPaths(scrubber.Scrub(e.Message)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Fail closed on a verifier bug: no verdict means no push.
            error = GateDiagnostics.Error(GateDiagnostics.VerificationError, $"verification could not complete ({e.GetType().Name}: {scrubber.Scrub(e.Message)}); nothing was pushed");
        }

        return null;
    }

    private static PublishResult PublishSidecar(PublishResult result, byte[]? sidecar)
    {
        if (result.PublishedPath is null || sidecar is null)
        {
            return result;
        }

        var target = result.PublishedPath + ".intoto.jsonl";
        try
        {
            AtomicFile.WriteAllBytes(target, sidecar);
            return result with { PublishedSidecarPath = target };
        }
        catch (Exception e) when (e is CilockException or IOException or UnauthorizedAccessException)
        {
            return result with
            {
                Outcome = PublishOutcome.Failed,
                Diagnostics = [.. result.Diagnostics, GateDiagnostics.Error(GateDiagnostics.SidecarNotWritten, $"the package was pushed to '{result.PublishedPath}', but its evidence could not be written to '{target}': {e.Message}")],
            };
        }
    }

    private static ISettings? LoadSettings(string? root, List<Diagnostic> diagnostics)
    {
        try
        {
            return Settings.LoadDefaultSettings(root ?? Environment.CurrentDirectory);
        }
        catch (NuGetConfigurationException e)
        {
            diagnostics.Add(Diagnostic.Warning(GateDiagnostics.InvalidSource, $"NuGet configuration could not be loaded, so source names are not resolved: {e.Message}"));
            return null;
        }
    }

    private static PublishResult Failed(List<Diagnostic> diagnostics, Diagnostic error, SecretScrubber scrubber) =>
        new(PublishOutcome.Failed, [.. diagnostics, error with { Message = scrubber.Scrub(error.Message) }]);
}
