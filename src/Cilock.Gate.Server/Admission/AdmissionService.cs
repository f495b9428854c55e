using System.Collections.Concurrent;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Publishing;
using Cilock.Gate.Server.Audit;
using Cilock.Gate.Server.Diagnostics;
using Cilock.Gate.Server.Evidence;
using Cilock.Gate.Server.Security;
using Microsoft.AspNetCore.Http;
using NuGet.Packaging;
using NuGet.Packaging.Core;

namespace Cilock.Gate.Server.Admission;

/// <summary>
/// The decisions of the gate. A push is: authenticate the pusher, stream the body into a private file (size-capped)
/// and hash it, take the per-id/version lock, find the evidence binding that sha256, pick the policy by package id,
/// then let the existing verify-then-push <see cref="PackagePublisher"/> verify and forward exactly those bytes.
/// Every decision is appended to the audit log before it is answered; a refusal that cannot be logged becomes a 503.
/// </summary>
internal sealed class AdmissionService
{
    private const string ApiKeyHeader = "X-NuGet-ApiKey";

    private readonly GateSettings _settings;
    private readonly PusherAuthenticator _pushers;
    private readonly EvidenceIndex _evidence;
    private readonly AuditLog _audit;
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.OrdinalIgnoreCase);

    internal AdmissionService(GateSettings settings, PusherAuthenticator pushers, AuditLog audit)
    {
        _settings = settings;
        _pushers = pushers;
        _audit = audit;
        _evidence = new EvidenceIndex([settings.EvidenceStore, settings.UploadStore]);
        try
        {
            // The gate's own store is created up front; if it disappears later, pushes fail closed (503).
            Directory.CreateDirectory(settings.UploadStore);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, $"cannot create the evidence upload store '{settings.UploadStore}': {e.Message}", e);
        }
    }

    /// <summary><c>PUT /api/v2/package</c>.</summary>
    internal async Task<GateResponse> PushAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var pusher = _pushers.Authenticate(request.Headers[ApiKeyHeader]);
        if (pusher is null)
        {
            return await DecideAsync(new AuditRecord("push", "refused", StatusCodes.Status403Forbidden), AdmissionDiagnostics.UnknownPusher, "missing or unknown X-NuGet-ApiKey for this gate", cancellationToken).ConfigureAwait(false);
        }

        UploadedBody body;
        try
        {
            body = await UploadedBody.ReadAsync(request, _settings.MaxPackageBytes, "upload.nupkg", allowRaw: false, cancellationToken).ConfigureAwait(false);
        }
        catch (CilockException e)
        {
            var status = e.Code == AdmissionDiagnostics.BodyTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return await DecideAsync(new AuditRecord("push", "refused", status) { Pusher = pusher }, e.Code, e.Message, cancellationToken).ConfigureAwait(false);
        }

        using (body)
        {
            var record = new AuditRecord("push", "refused", StatusCodes.Status400BadRequest) { Pusher = pusher, Sha256 = body.Sha256 };
            PackageIdentity identity;
            try
            {
                identity = ReadIdentity(body.Path);
            }
            catch (CilockException e)
            {
                return await DecideAsync(record, e.Code, e.Message, cancellationToken).ConfigureAwait(false);
            }

            var version = identity.Version.ToNormalizedString();
            record = record with { PackageId = identity.Id, PackageVersion = version };
            var key = $"{identity.Id}/{version}";
            if (!_inFlight.TryAdd(key, 0))
            {
                return await DecideAsync(record with { Status = StatusCodes.Status409Conflict }, AdmissionDiagnostics.PushInProgress, $"{identity.Id} {version} is being pushed by another request; retry if it is not admitted", cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return await AdmitAsync(body, identity.Id, version, record, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _inFlight.TryRemove(key, out _);
            }
        }
    }

    private async Task<GateResponse> AdmitAsync(UploadedBody body, string id, string version, AuditRecord record, CancellationToken cancellationToken)
    {
        var what = $"{id} {version}";
        var rule = _settings.RuleFor(id);
        if (rule is null)
        {
            return await DecideAsync(record with { Status = StatusCodes.Status403Forbidden }, AdmissionDiagnostics.NoPolicy, $"{what}: no policy rule matches package id '{id}'", cancellationToken).ConfigureAwait(false);
        }

        record = record with { Policy = rule.PolicyPath, PolicyDigest = rule.PolicyDigest() };
        IReadOnlyList<string> evidence;
        try
        {
            evidence = _evidence.Find(body.Sha256, cancellationToken);
        }
        catch (CilockException e)
        {
            return await DecideAsync(record with { Verdict = "error", Status = StatusCodes.Status503ServiceUnavailable }, e.Code, e.Message, cancellationToken).ConfigureAwait(false);
        }

        if (evidence.Count == 0)
        {
            return await DecideAsync(record with { Status = StatusCodes.Status403Forbidden }, AdmissionDiagnostics.NoEvidence, $"{what}: no evidence binds sha256 {body.Sha256} (package modified after it was attested, or evidence not uploaded)", cancellationToken).ConfigureAwait(false);
        }

        record = record with { Evidence = evidence };
        var verifier = new TimedVerifier(rule.Verifier);
        var publish = new PublishRequest(body.Path, _settings.UpstreamSource)
        {
            Evidence = evidence,
            SidecarPath = evidence[0].EndsWith(".intoto.jsonl", StringComparison.OrdinalIgnoreCase) ? evidence[0] : null,
            ApiKey = _settings.UpstreamApiKey,
            AllowInsecureConnections = _settings.AllowInsecureUpstream,
            TimeoutSeconds = _settings.UpstreamTimeoutSeconds,
            ConfigurationRoot = body.Directory,
        };
        var result = await new PackagePublisher(verifier).PublishAsync(publish, cancellationToken).ConfigureAwait(false);
        record = record with { VerifyMilliseconds = verifier.Elapsed?.TotalMilliseconds };
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        switch (result.Outcome)
        {
            case PublishOutcome.Pushed:
                await _audit.AppendAsync(record with { Verdict = "admitted", Status = StatusCodes.Status201Created }, cancellationToken).ConfigureAwait(false);
                return GateResponse.Of(StatusCodes.Status201Created, "Created", $"admitted {what} (sha256 {body.Sha256})\n");
            case PublishOutcome.Refused:
                // The first error is the generic CIL3801 line; the policy's own reasons follow it.
                var reasons = errors.Where(d => d.Code != GateDiagnostics.Refused).Select(Describe).DefaultIfEmpty("the policy was not satisfied");
                return await DecideAsync(record with { Status = StatusCodes.Status403Forbidden }, AdmissionDiagnostics.Denied, $"{what} denied by policy: {string.Join("; ", reasons)}", cancellationToken).ConfigureAwait(false);
            default:
                var first = errors.FirstOrDefault() ?? Diagnostic.Error(GateDiagnostics.PushFailed, "the push failed");
                var (status, code) = first.Code switch
                {
                    GateDiagnostics.AlreadyExists => (StatusCodes.Status409Conflict, first.Code),
                    GateDiagnostics.PackageUnreadable => (StatusCodes.Status400BadRequest, AdmissionDiagnostics.BadPackage),
                    _ => (StatusCodes.Status503ServiceUnavailable, AdmissionDiagnostics.UpstreamUnavailable),
                };
                return await DecideAsync(record with { Verdict = "error", Status = status }, code, $"{what} not forwarded: {Describe(first)}", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>PUT /api/v2/symbolpackage</c>: stored beside a package this feed already holds (folder upstream only).</summary>
    internal async Task<GateResponse> PushSymbolsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var pusher = _pushers.Authenticate(request.Headers[ApiKeyHeader]);
        var record = new AuditRecord("symbols", "refused", StatusCodes.Status403Forbidden) { Pusher = pusher };
        if (pusher is null)
        {
            return await DecideAsync(record, AdmissionDiagnostics.UnknownPusher, "missing or unknown X-NuGet-ApiKey for this gate", cancellationToken).ConfigureAwait(false);
        }

        UploadedBody body;
        try
        {
            body = await UploadedBody.ReadAsync(request, _settings.MaxPackageBytes, "upload.snupkg", allowRaw: false, cancellationToken).ConfigureAwait(false);
        }
        catch (CilockException e)
        {
            var status = e.Code == AdmissionDiagnostics.BodyTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return await DecideAsync(record with { Status = status }, e.Code, e.Message, cancellationToken).ConfigureAwait(false);
        }

        using (body)
        {
            record = record with { Sha256 = body.Sha256 };
            PackageIdentity identity;
            try
            {
                identity = ReadIdentity(body.Path);
            }
            catch (CilockException e)
            {
                return await DecideAsync(record with { Status = StatusCodes.Status400BadRequest }, e.Code, e.Message, cancellationToken).ConfigureAwait(false);
            }

            var version = identity.Version.ToNormalizedString();
            record = record with { PackageId = identity.Id, PackageVersion = version };
            if (_settings.UpstreamIsHttp)
            {
                return await DecideAsync(record with { Verdict = "error", Status = StatusCodes.Status501NotImplemented }, AdmissionDiagnostics.SymbolsRefused, "symbol packages are forwarded only to folder upstreams; push symbols to the HTTP feed directly", cancellationToken).ConfigureAwait(false);
            }

            var package = UpstreamFeed.Find(_settings.UpstreamSource, identity.Id, version);
            if (package is null)
            {
                return await DecideAsync(record, AdmissionDiagnostics.SymbolsRefused, $"{identity.Id} {version} has not been admitted; push the package before its symbols", cancellationToken).ConfigureAwait(false);
            }

            var target = Path.ChangeExtension(package, ".snupkg");
            try
            {
                if (!AtomicFile.Write(target, File.ReadAllBytes(body.Path), overwrite: false, unixMode: null))
                {
                    return await DecideAsync(record with { Status = StatusCodes.Status409Conflict }, AdmissionDiagnostics.SymbolsRefused, $"symbols for {identity.Id} {version} already exist", cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is CilockException or IOException or UnauthorizedAccessException)
            {
                return await DecideAsync(record with { Verdict = "error", Status = StatusCodes.Status503ServiceUnavailable }, AdmissionDiagnostics.UpstreamUnavailable, "the symbols package could not be written to the upstream folder", cancellationToken).ConfigureAwait(false);
            }

            await _audit.AppendAsync(record with { Verdict = "admitted", Status = StatusCodes.Status201Created }, cancellationToken).ConfigureAwait(false);
            return GateResponse.Of(StatusCodes.Status201Created, "Created");
        }
    }

    /// <summary><c>DELETE /api/v2/package/{id}/{version}</c>, passed through to the upstream.</summary>
    internal async Task<GateResponse> DeleteAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var id = request.RouteValues["id"] as string ?? "";
        var version = request.RouteValues["version"] as string ?? "";
        var pusher = _pushers.Authenticate(request.Headers[ApiKeyHeader]);
        var record = new AuditRecord("delete", "refused", StatusCodes.Status403Forbidden) { Pusher = pusher, PackageId = id, PackageVersion = version };
        if (pusher is null)
        {
            return await DecideAsync(record, AdmissionDiagnostics.UnknownPusher, "missing or unknown X-NuGet-ApiKey for this gate", cancellationToken).ConfigureAwait(false);
        }

        var (status, message) = await UpstreamFeed.DeleteAsync(_settings, id, version, cancellationToken).ConfigureAwait(false);
        var verdict = status < 300 ? "admitted" : status == StatusCodes.Status404NotFound ? "refused" : "error";
        if (verdict == "admitted")
        {
            await _audit.AppendAsync(record with { Verdict = verdict, Status = status }, cancellationToken).ConfigureAwait(false);
            return GateResponse.Of(status, message);
        }

        return await DecideAsync(record with { Verdict = verdict, Status = status }, AdmissionDiagnostics.UpstreamUnavailable, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>PUT /evidence</c>: stores DSSE evidence so a later plain push finds it by digest.</summary>
    internal async Task<GateResponse> UploadEvidenceAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var pusher = _pushers.Authenticate(request.Headers[ApiKeyHeader]);
        var record = new AuditRecord("evidence", "refused", StatusCodes.Status403Forbidden) { Pusher = pusher };
        if (pusher is null)
        {
            return await DecideAsync(record, AdmissionDiagnostics.UnknownPusher, "missing or unknown X-NuGet-ApiKey for this gate", cancellationToken).ConfigureAwait(false);
        }

        UploadedBody body;
        try
        {
            body = await UploadedBody.ReadAsync(request, _settings.MaxPackageBytes, "evidence.jsonl", allowRaw: true, cancellationToken).ConfigureAwait(false);
        }
        catch (CilockException e)
        {
            var status = e.Code == AdmissionDiagnostics.BodyTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return await DecideAsync(record with { Status = status }, e.Code == AdmissionDiagnostics.BadPackage ? AdmissionDiagnostics.BadEvidence : e.Code, e.Message, cancellationToken).ConfigureAwait(false);
        }

        using (body)
        {
            record = record with { Sha256 = body.Sha256 };
            string lines;
            int count;
            try
            {
                var text = await File.ReadAllTextAsync(body.Path, cancellationToken).ConfigureAwait(false);
                var envelopes = EvidenceIndex.ParseEnvelopes(text, jsonLines: false);
                count = envelopes.Count;
                lines = string.Concat(envelopes.Select(e => e.ToJson() + "\n"));
            }
            catch (Exception e) when (e is CilockException or System.Text.Json.JsonException or FormatException or System.Text.DecoderFallbackException)
            {
                return await DecideAsync(record with { Status = StatusCodes.Status400BadRequest }, AdmissionDiagnostics.BadEvidence, "the body is not a DSSE envelope or JSON lines of DSSE envelopes", cancellationToken).ConfigureAwait(false);
            }

            // Content-addressed: the same upload twice is stored once.
            var target = Path.Combine(_settings.UploadStore, body.Sha256 + ".intoto.jsonl");
            try
            {
                AtomicFile.Write(target, System.Text.Encoding.UTF8.GetBytes(lines), overwrite: false, unixMode: null);
            }
            catch (CilockException e)
            {
                return await DecideAsync(record with { Verdict = "error", Status = StatusCodes.Status503ServiceUnavailable }, AdmissionDiagnostics.EvidenceStoreUnavailable, $"the evidence could not be stored ({e.Code})", cancellationToken).ConfigureAwait(false);
            }

            await _audit.AppendAsync(record with { Verdict = "admitted", Status = StatusCodes.Status201Created, Evidence = [target] }, cancellationToken).ConfigureAwait(false);
            return GateResponse.Of(StatusCodes.Status201Created, "Created", $"{{\"stored\":\"{body.Sha256}.intoto.jsonl\",\"envelopes\":{count}}}\n");
        }
    }

    private async Task<GateResponse> DecideAsync(AuditRecord record, string code, string message, CancellationToken cancellationToken)
    {
        var reason = $"cilock gate: {code}: {message}";
        await _audit.AppendAsync(record with { Reasons = [.. record.Reasons, reason] }, cancellationToken).ConfigureAwait(false);
        return GateResponse.Of(record.Status, reason);
    }

    private static string Describe(Diagnostic diagnostic) => $"{diagnostic.Code} {diagnostic.Message}";

    private static PackageIdentity ReadIdentity(string path)
    {
        try
        {
            using var reader = new PackageArchiveReader(path);
            return reader.GetIdentity();
        }
        catch (Exception e) when (e is InvalidDataException or PackagingException or IOException or InvalidOperationException
                                      or ArgumentException or FormatException or System.Xml.XmlException)
        {
            throw new CilockException(AdmissionDiagnostics.BadPackage, "the uploaded body is not a valid NuGet package");
        }
    }
}
