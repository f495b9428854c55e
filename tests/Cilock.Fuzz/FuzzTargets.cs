using System.Text;
using Cilock.Attestation.Attestors.DotNet;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Policy.Loading;
using Cilock.Reports.Sarif;
using Cilock.Reports.Sbom;
using Cilock.Reports.TestResults;
using Cilock.Rego;
using Cilock.Secrets.Archives;
using Cilock.Secrets.Scanning;
using Cilock.Sigstore.Bundles;

namespace Cilock.Fuzz;

/// <summary>
/// The parsers that read attacker-controlled bytes: evidence, policies, Rego, restore graphs, packages, Sigstore
/// bundles and the report readers (CycloneDX/SPDX, SARIF, TRX) that run over a step's products.
/// </summary>
internal static class FuzzTargets
{
    // Lazy: under afl the instrumented Cilock.Secrets must not run before SharpFuzz has mapped the coverage memory.
    private static readonly Lazy<SecretScanner> Scanner = new(() => new SecretScanner());

    private static readonly Lazy<SarifNormalizer> SarifNormalizer = new(() => new SarifNormalizer(new SarifNormalizerOptions
    {
        RepositoryRoot = "/repo",
        NamedRoots = new Dictionary<string, string>(StringComparer.Ordinal) { ["NUGET"] = "/home/u/.nuget/packages" },
        HomeDirectory = "/home/u",
        Category = "fuzz",
    }));

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("dsse", "DSSE envelope JSON and .intoto.jsonl (strict and lenient base64)", input =>
        {
            var text = Encoding.UTF8.GetString(input);
            _ = DsseEnvelope.Parse(input);
            _ = DsseEnvelope.ReadJsonLines(text, lenient: true);
        }, Coded),
        new("statement", "in-toto statement + attestation collection reader (cilock and witness dialects)", input =>
        {
            _ = CollectionReader.ReadStatement(input);
            _ = CollectionReader.Read(input);
        }, Coded),
        new("policy", "policy JSON schema reader (unsigned path) and the policy envelope", input =>
            _ = PolicyLoader.Load(input, new PolicyLoadOptions { AllowUnsignedUnsafe = true }, "fuzz"), Coded),
        new("rego", "Rego lexer/parser/compiler, then deny evaluation with a 2 s limit (input: module, NUL, JSON input)", input =>
        {
            var text = Encoding.UTF8.GetString(input);
            var split = text.IndexOf('\0', StringComparison.Ordinal);
            var module = split < 0 ? text : text[..split];
            var json = split < 0 ? "{}" : text[(split + 1)..];
            var policy = RegoCompiler.Compile([new RegoModule("fuzz.rego", module)], null, new RegoCompileOptions { Timeout = TimeSpan.FromSeconds(2) });
            _ = policy.EvaluateDeny(json);
        }, e => e is RegoException or CilockException, HangMilliseconds: 10_000),
        new("assets", "project.assets.json reader (the dotnet attestor's restore graph)", input =>
        {
            var path = Path.Combine(Path.GetTempPath(), $"cilock-fuzz-assets-{Environment.ProcessId}.json");
            File.WriteAllBytes(path, input);
            _ = ProjectAssetsReader.Read(path);
        }, Coded),
        new("nupkg", "secret scanner's archive reader (zip/nupkg entries, nesting, encodings)", input =>
        {
            using var stream = new MemoryStream(input, writable: false);
            _ = new ArchiveScanner(Scanner.Value).Scan(stream, "product:fuzz.nupkg", "fuzz.nupkg");
        }, Coded),
        new("bundle", "Sigstore bundle reader (media types v0.1-v0.3, protobuf JSON, structural checks)", input =>
            _ = SigstoreBundle.Parse(input), Coded),
        new("sbom", "SBOM detection and reading (CycloneDX and SPDX JSON)", input =>
            _ = SbomDocument.TryParse(input, out _, out _), Coded),
        new("sarif", "SARIF 2.1.0 reader, then what the SDK's SARIF step does with it: normalize, merge, serialize", input =>
        {
            var log = SarifDocument.Parse(input, "fuzz.sarif");
            _ = SarifDocument.Serialize(SarifDocument.Merge([SarifNormalizer.Value.Normalize(log)]));
        }, Coded),
        new("trx", "TRX (VSTest results XML) reader", input =>
        {
            using var stream = new MemoryStream(input, writable: false);
            _ = TrxReader.Parse(stream, "fuzz.trx", "/repo");
        }, Coded),
    ];

    /// <summary>
    /// Not a parser and not in <see cref="All"/>: an input containing the byte 0xFF (one of afl's "interesting" values,
    /// reached within seconds, unlike a magic string that afl's trimming would cut away) throws an undocumented
    /// exception, so the tests can prove that an engine turns a crash into a saved finding and a failing exit code.
    /// </summary>
    public static FuzzTarget SelfTest { get; } = new("selftest", "planted crash on inputs containing 0xFF (engine self-test)", input =>
    {
        // A real (instrumented) parser runs first, so afl sees coverage; the crash is the planted one below.
        try
        {
            _ = DsseEnvelope.Parse(input);
        }
        catch (CilockException)
        {
        }

        if (input.AsSpan().Contains((byte)0xFF))
        {
            throw new InvalidOperationException("planted crash");
        }
    }, Coded);

    public static FuzzTarget? Find(string name) =>
        name == SelfTest.Name ? SelfTest : All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    private static bool Coded(Exception e) => e is CilockException;
}
