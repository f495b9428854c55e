using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Signing;

namespace Cilock.Cli.Tests;

/// <summary>Signing config v0.1/v0.2 → keyless options: services valid now, API versions, selectors, refusals.</summary>
[TestClass]
public sealed class SigningConfigReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Service(string url, int major = 1, string start = "2020-01-01T00:00:00Z", string? end = null) =>
        $$$"""{"url":"{{{url}}}","majorApiVersion":{{{major}}},"validFor":{"start":"{{{start}}}"{{{(end is null ? "" : $",\"end\":\"{end}\"")}}}}}""";

    private static string V02(string ca, string rekor, string tsa, string extra = "") =>
        $$"""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[{{ca}}],"rekorTlogUrls":[{{rekor}}],"tsaUrls":[{{tsa}}]{{extra}}}""";

    private static Cilock.Sigstore.Signing.KeylessSigningOptions Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SigningConfigReader.Parse(document.RootElement, Now, "sc.json");
    }

    [TestMethod]
    public void Parse_V02_PicksServicesValidNowAndRekorV1()
    {
        var options = Parse(V02(
            Service("https://old-ca", end: "2025-01-01T00:00:00Z") + "," + Service("https://ca"),
            Service("https://rekor-v2", major: 2) + "," + Service("https://rekor"),
            Service("https://tsa/api/v1/timestamp"),
            ""","rekorTlogConfig":{"selector":"ANY"},"tsaConfig":{"selector":"ANY"}"""));

        Assert.AreEqual(new Uri("https://ca"), options.FulcioUrl);
        Assert.AreEqual(new Uri("https://rekor"), options.RekorUrl);
        CollectionAssert.AreEqual(new[] { new Uri("https://tsa/api/v1/timestamp") }, options.TimestampAuthorityUrls.ToArray());
    }

    [TestMethod]
    public void Parse_V02_TsaSelectorAllAndFutureServiceSkipped()
    {
        var options = Parse(V02(Service("https://ca"), Service("https://rekor"),
            Service("https://tsa1") + "," + Service("https://tsa2") + "," + Service("https://tsa3", start: "2030-01-01T00:00:00Z"),
            ""","tsaConfig":{"selector":"ALL"}"""));

        CollectionAssert.AreEqual(new[] { new Uri("https://tsa1"), new Uri("https://tsa2") }, options.TimestampAuthorityUrls.ToArray());
    }

    [TestMethod]
    public void Parse_PublicGoodShape_RekorV2ListedWithAny_UsesTheV1Log()
    {
        var options = Parse("""
            {
              "mediaType": "application/vnd.dev.sigstore.signingconfig.v0.2+json",
              "caUrls": [{"url": "https://fulcio.sigstore.dev", "majorApiVersion": 1, "validFor": {"start": "2023-04-14T21:38:40Z"}, "operator": "sigstore.dev"}],
              "oidcUrls": [{"url": "https://oauth2.sigstore.dev/auth", "majorApiVersion": 1, "validFor": {"start": "2025-04-16T00:00:00Z"}, "operator": "sigstore.dev"}],
              "rekorTlogUrls": [
                {"url": "https://log2025-1.rekor.sigstore.dev", "majorApiVersion": 2, "validFor": {"start": "2025-09-23T00:00:00Z"}, "operator": "sigstore.dev"},
                {"url": "https://rekor.sigstore.dev", "majorApiVersion": 1, "validFor": {"start": "2021-01-12T11:53:27Z"}, "operator": "sigstore.dev"}
              ],
              "tsaUrls": [{"url": "https://timestamp.sigstore.dev/api/v1/timestamp", "majorApiVersion": 1, "validFor": {"start": "2025-07-04T00:00:00Z"}, "operator": "sigstore.dev"}],
              "rekorTlogConfig": {"selector": "ANY"},
              "tsaConfig": {"selector": "ANY"}
            }
            """);

        Assert.AreEqual(new Uri("https://fulcio.sigstore.dev"), options.FulcioUrl);
        Assert.AreEqual(new Uri("https://rekor.sigstore.dev"), options.RekorUrl);
        CollectionAssert.AreEqual(new[] { new Uri("https://timestamp.sigstore.dev/api/v1/timestamp") }, options.TimestampAuthorityUrls.ToArray());
    }

    [TestMethod]
    public void Parse_V01_ReadsSingleUrls()
    {
        var options = Parse("""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.1+json","caUrl":"https://ca","oidcUrl":"https://oauth","tlogUrls":["https://rekor"],"tsaUrls":["https://tsa"]}""");

        Assert.AreEqual(new Uri("https://ca"), options.FulcioUrl);
        Assert.AreEqual(new Uri("https://rekor"), options.RekorUrl);
        Assert.HasCount(1, options.TimestampAuthorityUrls);
    }

    [TestMethod]
    public void Parse_NoRekorButTsa_SignsWithTimestampOnly()
    {
        var options = Parse(V02(Service("https://ca"), "", Service("https://tsa")));

        Assert.IsNull(options.RekorUrl);
        Assert.HasCount(1, options.TimestampAuthorityUrls);
    }

    [TestMethod]
    [DataRow("""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[],"rekorTlogUrls":[],"tsaUrls":[]}""", SigningDiagnostics.SigningConfigUnsupported, DisplayName = "no CA")]
    [DataRow("""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[{"url":"https://ca","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],"rekorTlogUrls":[],"tsaUrls":[]}""", SigningDiagnostics.SigningConfigUnsupported, DisplayName = "neither log nor TSA")]
    [DataRow("""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[{"url":"https://ca","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],"rekorTlogUrls":[{"url":"https://r1","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}},{"url":"https://r2","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],"rekorTlogConfig":{"selector":"ALL"}}""", SigningDiagnostics.SigningConfigUnsupported, DisplayName = "two log entries asked")]
    [DataRow("""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[{"url":"https://ca","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],"tsaUrls":[{"url":"https://t","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],"tsaConfig":{"selector":"EXACT","count":2}}""", SigningDiagnostics.SigningConfigUnsupported, DisplayName = "EXACT 2 of 1 TSA")]
    [DataRow("""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[{"url":"https://ca","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],"tsaUrls":[{"url":"https://t","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],"tsaConfig":{"selector":"SOME"}}""", SigningDiagnostics.SigningConfigUnsupported, DisplayName = "unknown selector")]
    [DataRow("""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[{"url":"https://ca","majorApiVersion":1}]}""", SigningDiagnostics.SigningConfigInvalid, DisplayName = "no validFor")]
    [DataRow("""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[{"url":"https://ca","majorApiVersion":1,"validFor":{"start":"yesterday"}}]}""", SigningDiagnostics.SigningConfigInvalid, DisplayName = "bad time")]
    [DataRow("""[]""", SigningDiagnostics.SigningConfigInvalid, DisplayName = "array")]
    public void Parse_Refused_Coded(string json, string code)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => Parse(json));

        Assert.AreEqual(code, e.Code, e.Message);
    }

    [TestMethod]
    public void Read_MissingFile_Cil6120()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => SigningConfigReader.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "sc.json"), Now));

        Assert.AreEqual(SigningDiagnostics.SigningConfigInvalid, e.Code);
    }
}
