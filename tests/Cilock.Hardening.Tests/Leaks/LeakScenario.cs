using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Hardening.Tests.Adversarial;
using Cilock.Hardening.Tests.Infrastructure;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Leaks;

/// <summary>
/// One end-to-end run with planted secrets (issue #12 §4): <c>cilock run --secretscan</c> (environment, command
/// output, a product), <c>policy new/sign</c>, <c>verify</c>, <c>push</c> to a folder feed and to an HTTP feed that
/// answers 403 and echoes the API key back (a hostile or buggy server). Every cilock invocation's stdout/stderr is kept
/// under logs/. Built once; each secret is then grepped for by its own test row.
/// </summary>
internal sealed class LeakScenario
{
    private static readonly Lazy<LeakScenario> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private LeakScenario(string root) => Root = root;

    public static LeakScenario Instance => Shared.Value;

    public string Root { get; }

    /// <summary>Secret kind → raw value.</summary>
    public Dictionary<string, string> Secrets { get; } = [];

    /// <summary>Files the user planted with a secret in them (the only files allowed to contain one).</summary>
    public List<string> Planted { get; } = [];

    private static LeakScenario Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "cilock-leak-" + Guid.NewGuid().ToString("N"));
        var s = new LeakScenario(root);
        var r = () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var pat = () => "ghp_" + string.Concat(RandomNumberGenerator.GetItems<char>("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36));
        s.Secrets["env-var"] = "leak-env-" + r();
        s.Secrets["env-var-printed"] = "leak-pw-" + r();
        s.Secrets["oidc-token-env"] = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"iss\":\"https://token.actions.githubusercontent.com\",\"jti\":\"{r()}\"}}")).TrimEnd('=') + "." + r();
        s.Secrets["command-output"] = pat();
        s.Secrets["product-file"] = pat();
        s.Secrets["nuget-api-key"] = "oy2" + r() + r();

        var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
        var planted = Directory.CreateDirectory(Path.Combine(root, "planted")).FullName;
        var logs = Directory.CreateDirectory(Path.Combine(root, "logs")).FullName;
        var feed = Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;
        File.WriteAllText(Path.Combine(work, "src.txt"), "source\n");
        File.WriteAllText(Path.Combine(planted, "printed.txt"), "deploy token " + s.Secrets["command-output"] + "\n");
        File.WriteAllText(Path.Combine(planted, "config.json"), $"{{\"github\":\"{s.Secrets["product-file"]}\"}}\n");
        File.WriteAllBytes(Path.Combine(planted, Pipeline.PackageFileName), Pipeline.CreateNupkg("App", "1.0.0", "lib\n"u8.ToArray()));
        s.Planted.AddRange([Path.Combine(planted, "printed.txt"), Path.Combine(planted, "config.json"), Path.Combine(work, "config.json")]);

        var env = new Dictionary<string, string?>
        {
            ["CILOCK_HOME"] = Path.Combine(root, "home"),
            ["MY_SERVICE_TOKEN"] = s.Secrets["env-var"],
            ["DB_PASSWORD"] = s.Secrets["env-var-printed"],
            ["SIGSTORE_ID_TOKEN"] = s.Secrets["oidc-token-env"],
            ["NUGET_API_KEY"] = s.Secrets["nuget-api-key"],
        };
        var step = 0;
        void Cilock(params string[] args)
        {
            var result = CilockProcess.Run(root, env, args);
            File.WriteAllText(Path.Combine(logs, $"{++step:00}-{args[0]}.log"), $"$ cilock {string.Join(' ', args)}\nexit {result.ExitCode}\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}");
        }

        Cilock("keygen", "-o", "k");
        Cilock("keygen", "-o", "pol");
        Cilock("run", "-s", "build", "-k", "k.key", "-o", "evidence/build.json", "-d", work, "--secretscan", "--", "sh", "-c",
            "cat ../planted/printed.txt; echo \"db=$DB_PASSWORD\" >&2; cp ../planted/config.json config.json; cp ../planted/App.1.0.0.nupkg .");
        Cilock("policy", "new", "--from", "evidence", "-k", "k.pub", "-o", "policy.json");
        Cilock("policy", "sign", "policy.json", "-k", "pol.key", "-o", "policy.signed.json");
        Cilock("verify", "-p", "policy.signed.json", "-k", "pol.pub", "-f", "work/App.1.0.0.nupkg", "-a", "evidence", "--vsa-outfile", "vsa.json");
        Cilock("push", "work/App.1.0.0.nupkg", "--source", feed, "--policy", "policy.signed.json", "--publickey", "pol.pub", "--attestations", "evidence", "--verbose");

        using var server = new EchoingFeed();
        Cilock("push", "work/App.1.0.0.nupkg", "--source", server.Url, "--policy", "policy.signed.json", "--publickey", "pol.pub",
            "--attestations", "evidence", "--api-key-env", "NUGET_API_KEY", "--allow-insecure-connections", "--verbose", "--timeout", "20");
        s.FeedRequests = server.Requests;
        return s;
    }

    /// <summary>How many requests reached the HTTP feed (the push must have sent the key there, or the test proves nothing).</summary>
    public int FeedRequests { get; private set; }

    /// <summary>Every file under the scenario folder except planted ones, with envelope payloads decoded too.</summary>
    public IEnumerable<(string File, string Text)> Haystacks()
    {
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Where(f => !Planted.Contains(f)))
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            yield return (file, text);
            foreach (var line in text.Split('\n').Where(l => l.Contains("\"payload\"", StringComparison.Ordinal)))
            {
                if (JsonNode.Parse(line)?["payload"]?.GetValue<string>() is { } payload)
                {
                    yield return (file + " (decoded payload)", Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
                }
            }
        }
    }

    /// <summary>A loopback NuGet push endpoint that refuses with 403 and puts the received API key in its answer.</summary>
    private sealed class EchoingFeed : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public EchoingFeed()
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/api/v2/package/";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try
                    {
                        ctx = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    Requests++;
                    var key = ctx.Request.Headers["X-NuGet-ApiKey"] ?? "";
                    ctx.Response.StatusCode = 403;
                    ctx.Response.StatusDescription = "Forbidden key " + key;
                    ctx.Response.AddHeader("X-Echo", key);
                    var body = Encoding.UTF8.GetBytes($"API key '{key}' is not allowed to push");
                    await ctx.Response.OutputStream.WriteAsync(body);
                    ctx.Response.Close();
                }
            });
        }

        public string Url { get; }

        public int Requests { get; private set; }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }

        private static int FreePort()
        {
            var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }
    }
}
