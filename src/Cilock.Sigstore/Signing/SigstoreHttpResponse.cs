using System.Net;

namespace Cilock.Sigstore.Signing;

/// <summary>A successful (2xx) answer of a Sigstore service.</summary>
internal sealed record SigstoreHttpResponse(HttpStatusCode Status, string? MediaType, byte[] Body);
