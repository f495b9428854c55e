using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Sigstore.Tuf;

namespace Cilock.Sigstore.Tests;

/// <summary>A TUF repository with keys generated per test, served over loopback HTTP.</summary>
internal sealed class TufTestRepository : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public TufTestRepository()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ECDsa RootKey { get; set; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa TimestampKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa SnapshotKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa TargetsKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static DateTimeOffset InAYear => DateTimeOffset.UtcNow.AddYears(1);

    public byte[] this[string file]
    {
        get => _files[file];
        set => _files[file] = value;
    }

    public void Remove(string file) => _files.TryRemove(file, out _);

    /// <summary>Publishes <c>{version}.root.json</c> (and <c>root.json</c>) with the current role keys.</summary>
    public byte[] PublishRoot(int version, DateTimeOffset expires, params ECDsa[] signers)
    {
        var keys = new JsonObject();
        var roles = new JsonObject();
        foreach (var (role, key) in new[] { ("root", RootKey), ("timestamp", TimestampKey), ("snapshot", SnapshotKey), ("targets", TargetsKey) })
        {
            var id = KeyId(key);
            keys[id] = KeyJson(key);
            roles[role] = new JsonObject { ["keyids"] = new JsonArray(id), ["threshold"] = 1 };
        }

        var signed = new JsonObject
        {
            ["_type"] = "root", ["spec_version"] = "1.0.31", ["version"] = version, ["expires"] = Rfc3339(expires),
            ["consistent_snapshot"] = false, ["keys"] = keys, ["roles"] = roles,
        };
        var bytes = Sign(signed, signers.Length == 0 ? [RootKey] : signers);
        _files[$"{version}.root.json"] = bytes;
        _files["root.json"] = bytes;
        return bytes;
    }

    /// <summary>Publishes targets, snapshot and timestamp at <paramref name="version"/> listing <c>trusted_root.json</c>.</summary>
    public void PublishTop(int version, byte[] target, DateTimeOffset expires, ECDsa? snapshotSigner = null, DateTimeOffset? timestampExpires = null)
    {
        _files["targets/trusted_root.json"] = target;
        var targets = Sign(new JsonObject
        {
            ["_type"] = "targets", ["spec_version"] = "1.0.31", ["version"] = version, ["expires"] = Rfc3339(expires),
            ["targets"] = new JsonObject
            {
                ["trusted_root.json"] = new JsonObject { ["length"] = target.Length, ["hashes"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(target)) } },
            },
        }, [TargetsKey]);
        _files["targets.json"] = targets;
        var snapshot = Sign(new JsonObject
        {
            ["_type"] = "snapshot", ["spec_version"] = "1.0.31", ["version"] = version, ["expires"] = Rfc3339(expires),
            ["meta"] = new JsonObject { ["targets.json"] = new JsonObject { ["version"] = version } },
        }, [snapshotSigner ?? SnapshotKey]);
        _files["snapshot.json"] = snapshot;
        _files["timestamp.json"] = Sign(new JsonObject
        {
            ["_type"] = "timestamp", ["spec_version"] = "1.0.31", ["version"] = version, ["expires"] = Rfc3339(timestampExpires ?? expires),
            ["meta"] = new JsonObject
            {
                ["snapshot.json"] = new JsonObject { ["version"] = version, ["length"] = snapshot.Length, ["hashes"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(snapshot)) } },
            },
        }, [TimestampKey]);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal exception.
        }
    }

    private static byte[] Sign(JsonObject signed, ECDsa[] keys)
    {
        using var document = JsonDocument.Parse(signed.ToJsonString());
        var payload = CanonicalJson.Encode(document.RootElement);
        var signatures = new JsonArray();
        foreach (var key in keys)
        {
            signatures.Add(new JsonObject { ["keyid"] = KeyId(key), ["sig"] = Convert.ToHexStringLower(key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)) });
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["signed"] = signed.DeepClone(), ["signatures"] = signatures }.ToJsonString());
    }

    private static JsonObject KeyJson(ECDsa key) => new()
    {
        ["keytype"] = "ecdsa", ["scheme"] = "ecdsa-sha2-nistp256",
        ["keyval"] = new JsonObject { ["public"] = key.ExportSubjectPublicKeyInfoPem() },
    };

    private static string KeyId(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath.TrimStart('/');
            if (_files.TryGetValue(path, out var body))
            {
                context.Response.StatusCode = 200;
                await context.Response.OutputStream.WriteAsync(body);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }
}
