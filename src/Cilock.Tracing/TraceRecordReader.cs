using System.Globalization;
using System.Text;
using Cilock.Attestation.Attestors.CommandRun;

namespace Cilock.Tracing;

/// <summary>
/// Decodes the tracer's line records: one record per line, tab-separated fields, with tab, newline, CR and
/// backslash escaped as <c>\t \n \r \\</c> (and NUL as <c>\0</c>). The first field is the record type (docs/tracing.md).
/// </summary>
internal static class TraceRecordReader
{
    /// <summary>Applies one record line to <paramref name="log"/>; returns the path of an open or exec attempt, if any.</summary>
    /// <param name="log">The log to update.</param>
    /// <param name="line">The record.</param>
    /// <param name="opener">The process of an open record (<c>null</c> for other records).</param>
    /// <param name="flags">The open flags of an open record.</param>
    /// <exception cref="FormatException">When the line is malformed.</exception>
    public static string? Apply(TraceLog log, string line, out TraceProcess? opener, out long flags)
    {
        opener = null;
        flags = 0;
        var f = Split(line);
        switch (f[0])
        {
            case "S":
                Need(f, 3);
                log.Get(Long(f[1])).ParentPid = Long(f[2]);
                log.StartSeconds = f.Count > 3 ? Seconds(f[3]) : null;
                return null;
            case "F":
                Need(f, 3);
                log.Get(Long(f[2])).ParentPid = Long(f[1]);
                return null;
            case "E":
                Need(f, 3);
                log.Get(Long(f[1])).ExecAttempt = f[2];
                return f[2];
            case "X":
            {
                Need(f, 6);
                var p = log.Get(Long(f[1]));
                if (p.ParentPid == 0)
                {
                    p.ParentPid = Long(f[2]);
                }

                // The kernel reports the exec after the successful attempt, so the last attempt is the program.
                p.Program = p.ExecAttempt ?? NullIfEmpty(f[3]);
                p.Exe = NullIfEmpty(f[3]);
                p.Comm = NullIfEmpty(f[4].Trim());
                p.Cmdline = NullIfEmpty(f[5].Trim());
                p.Environment = f.Count > 6 ? NullIfEmpty(f[6]) : null;
                p.SpeculationStoreBypass = f.Count > 7 ? NullIfEmpty(f[7]) : null;
                return null;
            }

            case "O":
                Need(f, 4);
                opener = log.Get(Long(f[1]));
                flags = Long(f[2]);
                opener.Opens.Add((f[3], flags));
                return f[3];
            case "N":
            {
                Need(f, 7);
                var port = Long(f[6]);
                log.Get(Long(f[1])).Connections.Add(new NetworkConnection(
                    "connect", Family(Long(f[4])), f[5], port >= 0 ? (int)port : null, Long(f[3]), Timestamp(f[2])));
                return null;
            }

            case "Y":
            {
                Need(f, 7);
                // A JIT toggles W^X thousands of times with the same arguments: keep the first of each distinct event.
                var p = log.Get(Long(f[1]));
                if (p.EventKeys.Add(string.Join('\t', f.Skip(3))))
                {
                    var args = f[6].Length == 0 ? null : f[6].Split(',').Select(Long).ToList();
                    p.Events.Add(new SyscallEvent(f[3], NullIfEmpty(f[4]), args, Timestamp(f[2]), NullIfEmpty(f[5])));
                }

                return null;
            }

            case "K":
                Need(f, 7);
                log.Get(Long(f[1])).Sockets.Add(new SocketRecord(Family(Long(f[3])), SocketType(Long(f[4])), Long(f[5]), Long(f[6])));
                return null;
            case "M":
            {
                Need(f, 7);
                var op = f[3] switch
                {
                    "rename" => new FileOperation(FileOperation.Rename, f[4], f[5], Timestamp: Timestamp(f[2])),
                    "unlink" or "rmdir" => new FileOperation(FileOperation.Delete, f[4], Timestamp: Timestamp(f[2])),
                    "chmod" => new FileOperation(FileOperation.Chmod, f[4], Mode: Long(f[6]), Timestamp: Timestamp(f[2])),
                    _ => throw new FormatException($"unknown file operation '{f[3]}'"),
                };
                log.Get(Long(f[1])).FileOps.Add(op);
                return null;
            }

            case "Q":
                Need(f, 3);
                log.Get(Long(f[1])).ExitCode = (int)Long(f[2]);
                return null;
            case "R":
                Need(f, 2);
                log.RootExitCode = (int)Long(f[1]);
                log.EndSeconds = f.Count > 2 ? Seconds(f[2]) : null;
                return null;
            case "!":
                Need(f, 4);
                log.Failure = (f[1], (int)Long(f[2]), f[3]);
                return null;
            default:
                throw new FormatException($"unknown trace record type '{f[0]}'");
        }
    }

    /// <summary>Splits a record into unescaped fields.</summary>
    internal static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\t')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                i++;
                current.Append(line[i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', '0' => '\0', _ => line[i] });
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }

    /// <summary>Turns the tracer's <c>seconds.nanoseconds</c> into RFC 3339 UTC with nanoseconds.</summary>
    internal static string Timestamp(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || !long.TryParse(value.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new FormatException($"bad trace timestamp '{value}'");
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + value[(dot + 1)..].PadRight(9, '0') + "Z";
    }

    private static decimal Seconds(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) ? seconds : throw new FormatException($"bad trace timestamp '{value}'");

    private static string Family(long family) => family switch
    {
        1 => "AF_UNIX",
        2 => "AF_INET",
        10 => "AF_INET6",
        16 => "AF_NETLINK",
        17 => "AF_PACKET",
        _ => family.ToString(CultureInfo.InvariantCulture),
    };

    private static string SocketType(long type) => type switch
    {
        1 => "SOCK_STREAM",
        2 => "SOCK_DGRAM",
        3 => "SOCK_RAW",
        5 => "SOCK_SEQPACKET",
        _ => type.ToString(CultureInfo.InvariantCulture),
    };

    private static void Need(List<string> fields, int count)
    {
        if (fields.Count < count)
        {
            throw new FormatException($"trace record '{fields[0]}' has {fields.Count} fields, expected {count}");
        }
    }

    private static long Long(string s) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"bad number '{s}' in trace record");

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
