using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors.Ci;

/// <summary>
/// Shared behaviour of the CI platform attestors (spec attestors.md §7–8): they detect their platform from the
/// environment and contribute nothing elsewhere (so they can run by default everywhere), record the job's identity
/// from the platform's variables, and — when the platform issues an OIDC token — the token's claims after checking
/// its signature against the platform's key set. The token itself is never stored or logged; a token that cannot be
/// obtained or verified is a warning and the attestation is written without <c>jwt</c>.
/// </summary>
public abstract class CiPlatformAttestor : IAttestor, ISubjecter, IBackReffer
{
    private readonly CiAttestorOptions _options;
    private List<CiField>? _fields;
    private JsonObject? _jwt;

    /// <summary>Creates the attestor.</summary>
    private protected CiPlatformAttestor(CiAttestorOptions? options)
    {
        _options = options ?? new CiAttestorOptions();
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.PreMaterial;

    /// <summary>Whether the run happened on this attestor's platform (known after the run).</summary>
    public bool Detected => _fields is not null;

    /// <summary>The verified token claims, or <c>null</c> when none were recorded.</summary>
    public JsonObject? Claims => _jwt?["claims"] as JsonObject;

    /// <summary>A recorded member by JSON name (empty when absent).</summary>
    public string this[string name] => _fields?.FirstOrDefault(f => f.Name == name)?.Value ?? "";

    /// <summary>Whether the Witness registry (W10) knows this predicate; otherwise the witness profile drops it.</summary>
    private protected abstract bool InWitnessRegistry { get; }

    /// <summary>The members that are also subjects (<c>NAME:url</c> → sha256 of the URL); the first is the backref.</summary>
    private protected abstract IReadOnlyList<string> SubjectFields { get; }

    /// <inheritdoc />
    public abstract string PredicateType(Dialect dialect);

    /// <summary>Whether <paramref name="environment"/> is this platform's job environment.</summary>
    public abstract bool IsDetected(IReadOnlyDictionary<string, string> environment);

    /// <inheritdoc />
    public async ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var environment = context.Environment;
        if (!IsDetected(environment))
        {
            return;
        }

        _fields = [.. Capture(environment)];
        if (!_options.RecordTokenClaims)
        {
            return;
        }

        using var client = CiHttp.CreateClient(_options);
        string? token;
        try
        {
            token = await GetTokenAsync(environment, _options, client, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            context.Report(Diagnostic.Warning(CiDiagnostics.TokenUnavailable, $"{Name}: no OIDC token, claims not recorded: {e.Message}"));
            return;
        }

        if (token is null)
        {
            return;
        }

        var jwksUrl = JwksUrl(environment);
        var parsed = JsonWebToken.TryParse(token);
        if (parsed is null)
        {
            context.Report(Diagnostic.Warning(CiDiagnostics.TokenUnverified, $"{Name}: the OIDC token is not a well-formed JWT; claims not recorded"));
            return;
        }

        JsonNode? jwks;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, jwksUrl);
            jwks = await CiHttp.SendForJsonAsync(client, request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or UriFormatException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            context.Report(Diagnostic.Warning(CiDiagnostics.TokenUnverified, $"{Name}: cannot fetch the key set {jwksUrl}, claims not recorded: {e.Message}"));
            return;
        }

        var key = parsed.Verify(jwks, context.Time.GetUtcNow());
        if (key is null)
        {
            context.Report(Diagnostic.Warning(CiDiagnostics.TokenUnverified, $"{Name}: the OIDC token does not verify against {jwksUrl} (signature, key id or expiry); claims not recorded"));
            return;
        }

        _jwt = new JsonObject
        {
            ["claims"] = parsed.Claims.DeepClone(),
            ["verifiedBy"] = new JsonObject { ["jwksUrl"] = jwksUrl, ["jwk"] = key },
        };
    }

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect)
    {
        if (_fields is null || (dialect == Dialect.Witness && !InWitnessRegistry))
        {
            return null;
        }

        var result = new JsonObject();
        if (_jwt is not null)
        {
            result["jwt"] = _jwt.DeepClone();
        }

        foreach (var field in _fields.Where(f => dialect == Dialect.Cilock || !f.CilockOnly))
        {
            result[field.Name] = field.Value;
        }

        return result;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetSubjects(Dialect dialect)
    {
        var subjects = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
        if (_fields is null)
        {
            return subjects;
        }

        foreach (var name in SubjectFields)
        {
            var url = this[name];
            subjects[$"{name}:{url}"] = DigestSet.FromSha256(SHA256.HashData(Encoding.UTF8.GetBytes(url)));
        }

        return subjects;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetBackRefs(Dialect dialect) =>
        GetSubjects(dialect).Where(s => s.Key.StartsWith(SubjectFields[0] + ":", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);

    /// <summary>The attestation members, in the order they are written.</summary>
    private protected abstract IEnumerable<CiField> Capture(IReadOnlyDictionary<string, string> environment);

    /// <summary>The job's OIDC token, <c>null</c> when the platform has none to offer (no warning).</summary>
    /// <exception cref="HttpRequestException">When a token should exist but cannot be obtained (a warning).</exception>
    private protected abstract Task<string?> GetTokenAsync(IReadOnlyDictionary<string, string> environment, CiAttestorOptions options, HttpClient client, CancellationToken ct);

    /// <summary>Where the platform publishes the keys its tokens are signed with.</summary>
    private protected abstract string JwksUrl(IReadOnlyDictionary<string, string> environment);

    /// <summary>The value of <paramref name="name"/>, empty when unset.</summary>
    private protected static string Env(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.GetValueOrDefault(name) ?? "";

    /// <summary>The host name of the machine the job runs on.</summary>
    private protected static string HostName()
    {
        try
        {
            return System.Net.Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return System.Environment.MachineName;
        }
    }
}
