using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Server.Diagnostics;

namespace Cilock.Gate.Server.Audit;

/// <summary>
/// Append-only JSON-lines audit log. Writes are serialized and flushed to disk before the decision is answered, so a
/// client never sees a verdict the log does not hold. The file is only ever opened for append.
/// </summary>
internal sealed class AuditLog
{
    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);

    internal AuditLog(string path)
    {
        _path = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(AdmissionDiagnostics.AuditUnavailable, $"cannot create the audit log directory for '{_path}': {e.Message}", e);
        }
    }

    /// <summary>Appends one record.</summary>
    /// <exception cref="CilockException">CIL3912 when the log cannot be written.</exception>
    internal async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var line = Serialize(record);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
            }

            await using var stream = new FileStream(_path, options);
            await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(AdmissionDiagnostics.AuditUnavailable, $"cannot append to the audit log: {e.Message}", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static byte[] Serialize(AuditRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", record.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("action", record.Action);
            json.WriteString("verdict", record.Verdict);
            json.WriteNumber("status", record.Status);
            WriteOptional(json, "pusher", record.Pusher);
            WriteOptional(json, "id", record.PackageId);
            WriteOptional(json, "version", record.PackageVersion);
            WriteOptional(json, "sha256", record.Sha256);
            WriteOptional(json, "policy", record.Policy);
            WriteOptional(json, "policyDigest", record.PolicyDigest);
            if (record.VerifyMilliseconds is { } ms)
            {
                json.WriteNumber("verifyMs", Math.Round(ms, 1));
            }

            json.WriteStartArray("evidence");
            foreach (var file in record.Evidence)
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();
            json.WriteStartArray("reasons");
            foreach (var reason in record.Reasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
