using System.Text;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Server.Admission;
using Cilock.Gate.Server.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cilock.Gate.Server.Hosting;

/// <summary>The HTTP surface: NuGet V3 service index, push/delete/symbols, evidence upload, health.</summary>
internal static class GateEndpoints
{
    internal const string PushPath = "/api/v2/package";
    internal const string SymbolsPath = "/api/v2/symbolpackage";

    internal static void Map(IEndpointRouteBuilder app, AdmissionService admission, GateSettings settings, ILogger logger)
    {
        app.MapGet("/v3/index.json", (HttpContext context) => Results.Text(ServiceIndex(context.Request), "application/json"));
        app.MapGet("/healthz", (HttpContext context) => WriteAsync(context, Health(settings), logger));

        // Routing ignores a trailing slash, so these also serve ".../package/" (what NuGet's push uses).
        app.MapPut(PushPath, context => HandleAsync(context, admission.PushAsync, logger));
        app.MapPut(SymbolsPath, context => HandleAsync(context, admission.PushSymbolsAsync, logger));

        app.MapDelete(PushPath + "/{id}/{version}", context => HandleAsync(context, admission.DeleteAsync, logger));
        app.MapMethods("/evidence", ["PUT", "POST"], context => HandleAsync(context, admission.UploadEvidenceAsync, logger));
    }

    private static async Task HandleAsync(HttpContext context, Func<HttpRequest, CancellationToken, Task<GateResponse>> decide, ILogger logger)
    {
        GateResponse response;
        try
        {
            response = await decide(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (CilockException e) when (e.Code == AdmissionDiagnostics.AuditUnavailable)
        {
            // Without an audit line there is no decision: answer "unavailable" (the admitted case already forwarded
            // the package upstream, which the operator sees in the upstream feed and the server log).
            response = GateResponse.Of(StatusCodes.Status503ServiceUnavailable, $"cilock gate: {e.Code}: {e.Message}");
        }

        await WriteAsync(context, response, logger).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, GateResponse response, ILogger logger)
    {
        logger.LogInformation("{Method} {Path} -> {Status} {Reason}", context.Request.Method, context.Request.Path.Value, response.Status, response.Reason);
        context.Response.StatusCode = response.Status;
        if (context.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            // dotnet nuget push prints the reason phrase: "Response status code does not indicate success: 403 (...)".
            feature.ReasonPhrase = response.Reason;
        }

        context.Response.ContentType = response.Body.StartsWith('{') ? "application/json" : "text/plain; charset=utf-8";
        await context.Response.WriteAsync(response.Body, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    private static GateResponse Health(GateSettings settings)
    {
        if (!Directory.Exists(settings.EvidenceStore))
        {
            return GateResponse.Of(StatusCodes.Status503ServiceUnavailable, $"cilock gate: {AdmissionDiagnostics.EvidenceStoreUnavailable}: evidence store is not readable");
        }

        if (!settings.UpstreamIsHttp && !Directory.Exists(settings.UpstreamSource))
        {
            return GateResponse.Of(StatusCodes.Status503ServiceUnavailable, $"cilock gate: {AdmissionDiagnostics.UpstreamUnavailable}: upstream folder feed does not exist");
        }

        return GateResponse.Of(StatusCodes.Status200OK, "ok");
    }

    private static string ServiceIndex(HttpRequest request)
    {
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("version", "3.0.0");
            json.WriteStartArray("resources");
            foreach (var (id, type, comment) in new[]
            {
                (root + PushPath, "PackagePublish/2.0.0", "cilock admission gate: pushes are verified against a signed policy before they are forwarded"),
                (root + SymbolsPath, "SymbolPackagePublish/4.9.0", "symbol packages for packages this gate admitted"),
            })
            {
                json.WriteStartObject();
                json.WriteString("@id", id);
                json.WriteString("@type", type);
                json.WriteString("comment", comment);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
