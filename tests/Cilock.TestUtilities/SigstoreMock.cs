namespace Cilock.TestUtilities;

/// <summary>
/// The fake Fulcio + Rekor + TSA of <c>../shared/validators/sigstore-mock.sh</c> on a loopback port (fresh keys per
/// start). Marks the test inconclusive when ../shared or node is unavailable. Dispose stops it.
/// </summary>
public sealed class SigstoreMock : IDisposable
{
    private readonly TempDirectory _dir;
    private readonly string _script;

    private SigstoreMock(TempDirectory dir, string script, IReadOnlyDictionary<string, string> env)
    {
        _dir = dir;
        _script = script;
        Env = env;
    }

    /// <summary>The mock's <c>DIR/env</c> values (FULCIO_URL, REKOR_URL, TSA_URL, OIDC_*, TRUSTED_ROOT, FULCIO_ROOT_PEM, TSA_CHAIN_PEM…).</summary>
    public IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>Fulcio base URL.</summary>
    public string FulcioUrl => Env["FULCIO_URL"];

    /// <summary>Rekor base URL.</summary>
    public string RekorUrl => Env["REKOR_URL"];

    /// <summary>The RFC 3161 endpoint.</summary>
    public string TsaUrl => Env["TSA_URL"];

    /// <summary>An unsigned JWT the fake Fulcio accepts.</summary>
    public string Token => File.ReadAllText(Env["OIDC_TOKEN_FILE"]).Trim();

    /// <summary>The certificate identity (SAN URI) Fulcio issues for <see cref="Token"/>.</summary>
    public string Identity => Env["OIDC_IDENTITY"];

    /// <summary>The OIDC issuer Fulcio records.</summary>
    public string Issuer => Env["OIDC_ISSUER"];

    /// <summary>The trusted_root.json matching the fakes' keys.</summary>
    public string TrustedRoot => Env["TRUSTED_ROOT"];

    /// <summary>
    /// Whether an RFC 3161 token/response from the mock has a genTime that sigstore-js 3.1.1 cannot read: the mock
    /// writes DER-correct GeneralizedTime with trailing zeros of the milliseconds dropped ("…55.9Z"), which
    /// sigstore-js refuses ("invalid time" / "timestamp could not be verified") about one time in ten. Tests re-sign
    /// in that case instead of flaking; the client under test is not at fault.
    /// </summary>
    public static bool HasShortFractionTime(byte[] der)
    {
        var text = System.Text.Encoding.Latin1.GetString(der);
        return System.Text.RegularExpressions.Regex.IsMatch(text, @"\x18[\x11\x12]\d{14}\.\d{1,2}Z");
    }

    /// <summary>Starts a mock with its own keys.</summary>
    public static SigstoreMock Start()
    {
        var script = SharedData.Locate(Path.Combine("validators", "sigstore-mock.sh"));
        var dir = new TempDirectory("cilock-sigstore-mock");
        var result = ProcessRunner.Run("bash", [script, "start", dir.Path], timeout: TimeSpan.FromMinutes(3));
        if (result.ExitCode != 0)
        {
            dir.Dispose();
            throw new AssertInconclusiveException($"sigstore-mock.sh could not start (exit {result.ExitCode}): {result.Output}");
        }

        var env = File.ReadAllLines(Path.Combine(dir.Path, "env"))
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new SigstoreMock(dir, script, env);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ProcessRunner.Run("bash", [_script, "stop", _dir.Path], timeout: TimeSpan.FromSeconds(30));
        _dir.Dispose();
    }
}
