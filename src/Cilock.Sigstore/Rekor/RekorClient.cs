using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Signing;

namespace Cilock.Sigstore.Rekor;

/// <summary>
/// Rekor v1 client: <c>POST {base}/api/v1/log/entries</c> with a proposed entry; the answer
/// (<c>{uuid: {body, integratedTime, logID, logIndex, verification: {signedEntryTimestamp, inclusionProof}}}</c>) is
/// read into a <see cref="RekorEntry"/>. The stored body must be of the proposed type; proving inclusion is the
/// verifier's job.
/// </summary>
internal sealed class RekorClient(Uri baseUrl, SigstoreHttp http)
{
    public Uri BaseUrl { get; } = baseUrl;

    public async Task<RekorEntry> UploadAsync(JsonObject proposedEntry, CancellationToken ct)
    {
        var url = new Uri(SigstoreUrls.WithPath(BaseUrl, "api/v1/log/entries"));
        var body = Encoding.UTF8.GetBytes(proposedEntry.ToJsonString());
        var response = await http.SendAsync("Rekor", url, () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return message;
        }, ct).ConfigureAwait(false);
        return Read(response.Body, (string)proposedEntry["kind"]!, (string)proposedEntry["apiVersion"]!);
    }

    internal RekorEntry Read(byte[] answer, string expectedKind, string expectedVersion)
    {
        try
        {
            var root = JsonNode.Parse(answer) as JsonObject ?? throw Invalid("the answer is not a JSON object");
            if (root.Count != 1)
            {
                throw Invalid($"expected one entry, got {root.Count}");
            }

            var (uuid, node) = root.First();
            var entry = node as JsonObject ?? throw Invalid("the entry is not a JSON object");
            var canonicalBody = Convert.FromBase64String(String(entry, "body"));
            var stored = JsonNode.Parse(canonicalBody) as JsonObject ?? throw Invalid("the entry body is not a JSON object");
            var kind = stored["kind"]?.GetValue<string>();
            var version = stored["apiVersion"]?.GetValue<string>();
            if (kind != expectedKind || version != expectedVersion)
            {
                throw Invalid($"the log stored a '{kind}' v{version} entry, not the proposed '{expectedKind}' v{expectedVersion}");
            }

            var verification = entry["verification"] as JsonObject;
            byte[]? set = verification?["signedEntryTimestamp"] is JsonValue s ? Convert.FromBase64String(s.GetValue<string>()) : null;
            RekorInclusionProof? proof = null;
            if (verification?["inclusionProof"] is JsonObject p)
            {
                proof = new RekorInclusionProof(
                    Integer(p, "logIndex"),
                    Convert.FromHexString(String(p, "rootHash")),
                    Integer(p, "treeSize"),
                    [.. (p["hashes"] as JsonArray ?? []).Select(h => Convert.FromHexString(h!.GetValue<string>()))],
                    p["checkpoint"]?.GetValue<string>() ?? "");
            }

            if (set is null && proof is null)
            {
                throw Invalid("the entry has neither a signed entry timestamp nor an inclusion proof");
            }

            return new RekorEntry(
                uuid,
                kind,
                version,
                Integer(entry, "logIndex"),
                Convert.FromHexString(String(entry, "logID")),
                DateTimeOffset.FromUnixTimeSeconds(Integer(entry, "integratedTime")),
                canonicalBody,
                set,
                proof);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw Invalid(e.Message);
        }
    }

    private static string String(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"'{name}' is missing or not a string");

    private static long Integer(JsonObject o, string name) => o[name] switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<string>(out var t) && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw new FormatException($"'{name}' is missing or not an integer"),
    };

    private CilockException Invalid(string why) =>
        new(KeylessDiagnostics.RekorResponseInvalid, $"Rekor at {SigstoreHttp.Redact(BaseUrl)} returned an unusable entry: {why}");
}
