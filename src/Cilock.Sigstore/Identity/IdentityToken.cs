using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Signing;

namespace Cilock.Sigstore.Identity;

/// <summary>
/// An OIDC identity token (JWT) for Fulcio. The raw value is only handed to Fulcio; <see cref="ToString"/> and every
/// message show the issuer and subject, never the token. The signature is not checked here: Fulcio verifies it
/// against the issuer's keys.
/// </summary>
public sealed class IdentityToken
{
    private IdentityToken(string value, string issuer, string subject, string challengeSubject, DateTimeOffset? expires, string source)
    {
        Value = value;
        Issuer = issuer;
        Subject = subject;
        ChallengeSubject = challengeSubject;
        Expires = expires;
        Source = source;
    }

    /// <summary>The <c>iss</c> claim.</summary>
    public string Issuer { get; }

    /// <summary>The <c>sub</c> claim (or the verified email when there is no <c>sub</c>).</summary>
    public string Subject { get; }

    /// <summary>The <c>exp</c> claim, when present.</summary>
    public DateTimeOffset? Expires { get; }

    /// <summary>Where the token came from (e.g. <c>GitHub Actions</c>, <c>SIGSTORE_ID_TOKEN</c>), for messages.</summary>
    public string Source { get; }

    /// <summary>The value Fulcio's proof of possession signs: the verified email when present, else <c>sub</c>.</summary>
    internal string ChallengeSubject { get; }

    /// <summary>The raw JWT. Only <see cref="Fulcio.FulcioClient"/> reads it.</summary>
    internal string Value { get; }

    /// <summary>Reads the claims of <paramref name="jwt"/>.</summary>
    /// <param name="jwt">The compact JWT (surrounding whitespace is ignored).</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <exception cref="CilockException">CIL6101 when it is not a JWT or lacks <c>iss</c> and a subject.</exception>
    public static IdentityToken Parse(string jwt, string source)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(source);
        var value = jwt.Trim();
        var parts = value.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw Invalid(source, "it is not a compact JWT (three dot-separated parts)");
        }

        JsonElement claims;
        try
        {
            using var doc = JsonDocument.Parse(Base64UrlDecode(parts[1]));
            claims = doc.RootElement.Clone();
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            throw Invalid(source, "its claims are not base64url-encoded JSON");
        }

        if (claims.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, "its claims are not a JSON object");
        }

        var issuer = StringClaim(claims, "iss") ?? throw Invalid(source, "it has no 'iss' claim");
        var sub = StringClaim(claims, "sub");
        var email = StringClaim(claims, "email");
        string challenge;
        if (email is not null)
        {
            // Fulcio binds an email only when the issuer verified it; sigstore clients refuse unverified ones too.
            var verified = claims.TryGetProperty("email_verified", out var v)
                && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() == "true"));
            if (!verified)
            {
                throw Invalid(source, "its 'email' claim is not verified by the issuer (email_verified)");
            }

            challenge = email;
        }
        else
        {
            challenge = sub ?? throw Invalid(source, "it has neither a 'sub' nor an 'email' claim");
        }

        DateTimeOffset? expires = claims.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        return new IdentityToken(value, issuer, sub ?? email!, challenge, expires, source);
    }

    /// <summary>Issuer, subject and source; never the token.</summary>
    public override string ToString() => $"{Subject} (issuer {Issuer}, from {Source})";

    private static string? StringClaim(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var c) && c.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(c.GetString()) ? c.GetString() : null;

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = (s.Length % 4) switch { 2 => s + "==", 3 => s + "=", 0 => s, _ => throw new FormatException("bad base64url length") };
        return Convert.FromBase64String(s);
    }

    private static CilockException Invalid(string source, string why) =>
        new(KeylessDiagnostics.IdentityTokenInvalid, $"the identity token from {source} is unusable: {why}");
}
