using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.IO;

namespace Cilock.Operations.Bundles;

/// <summary>
/// The cilock evidence bundle (spec archivista-and-bundles.md §6): a <c>.tar.gz</c> with <c>bundle.json</c> and
/// <c>attestations.jsonl</c> at the root, for air-gapped handover. Unsigned: trust comes only from the envelope
/// signatures, so reading is strict about shape and limits but never about "trust".
/// </summary>
public sealed class EvidenceBundle
{
    /// <summary>Manifest file name.</summary>
    public const string ManifestName = "bundle.json";

    /// <summary>Envelope lines file name.</summary>
    public const string EnvelopesName = "attestations.jsonl";

    /// <summary>Decompressed size limit.</summary>
    public const long MaxDecompressedBytes = 512L * 1024 * 1024;

    /// <summary>Envelope count limit.</summary>
    public const int MaxEnvelopes = 100_000;

    /// <summary>Line length limit.</summary>
    public const int MaxLineBytes = 32 * 1024 * 1024;

    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private EvidenceBundle(BundleManifest manifest, IReadOnlyList<DsseEnvelope> envelopes)
    {
        Manifest = manifest;
        Envelopes = envelopes;
    }

    /// <summary>The manifest.</summary>
    public BundleManifest Manifest { get; }

    /// <summary>The envelopes, in line order.</summary>
    public IReadOnlyList<DsseEnvelope> Envelopes { get; }

    /// <summary>
    /// Writes a bundle atomically: envelopes as compact JSON lines, de-duplicated by line digest, first occurrence kept.
    /// </summary>
    /// <returns>The manifest written.</returns>
    /// <exception cref="CilockException">CIL1731 when there are no envelopes or the file cannot be written.</exception>
    public static BundleManifest Write(string path, IEnumerable<DsseEnvelope> envelopes, DateTimeOffset createdAt, string source = "", string sourceUrl = "", IEnumerable<string>? subjects = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(envelopes);
        var lines = new List<byte[]>();
        var entries = new List<BundleEnvelopeEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var envelope in envelopes)
        {
            var line = Encoding.UTF8.GetBytes(envelope.ToJson());
            var digest = Convert.ToHexStringLower(SHA256.HashData(line));
            if (seen.Add(digest))
            {
                lines.Add(line);
                entries.Add(new BundleEnvelopeEntry(digest, envelope.PayloadType, [.. envelope.Signatures.Select(s => s.KeyId).Where(k => k.Length > 0)]));
            }
        }

        if (lines.Count == 0)
        {
            throw new CilockException(CiDiagnostics.BundleInputInvalid, "no envelopes to bundle");
        }

        // Go's tar writer rounds the modification time to whole seconds; so do we, and the manifest says the same time.
        var created = new DateTimeOffset(createdAt.UtcTicks - (createdAt.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var manifest = new BundleManifest
        {
            CreatedAt = created,
            Source = source,
            SourceUrl = sourceUrl,
            Subjects = [.. (subjects ?? []).Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Count = lines.Count,
            Envelopes = entries,
        };

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            AddFile(tar, ManifestName, Encoding.UTF8.GetBytes(manifest.ToJson()), created);
            using var jsonl = new MemoryStream();
            foreach (var line in lines)
            {
                jsonl.Write(line);
                jsonl.WriteByte((byte)'\n');
            }

            AddFile(tar, EnvelopesName, jsonl.ToArray(), created);
        }

        try
        {
            AtomicFile.WriteAllBytes(path, buffer.ToArray());
        }
        catch (CilockException e)
        {
            throw new CilockException(CiDiagnostics.BundleInputInvalid, $"cannot write bundle: {e.Message}", e);
        }

        return manifest;
    }

    /// <summary>Reads and checks a bundle file.</summary>
    /// <exception cref="CilockException">CIL1730 for a malformed, unsafe or oversized bundle; CIL1731 when unreadable.</exception>
    public static EvidenceBundle Read(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return Read(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(CiDiagnostics.BundleInputInvalid, $"cannot read bundle '{path}': {e.Message}", e);
        }
    }

    /// <summary>Reads and checks a bundle from a stream.</summary>
    /// <exception cref="CilockException">CIL1730 for a malformed, unsafe or oversized bundle.</exception>
    public static EvidenceBundle Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[]? manifestBytes = null;
        byte[]? lineBytes = null;
        long total = 0;
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name;
                CheckName(name);
                var normalized = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
                if (normalized is not (ManifestName or EnvelopesName))
                {
                    continue;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw Invalid($"'{name}' is not a regular file");
                }

                if ((normalized == ManifestName ? manifestBytes : lineBytes) is not null)
                {
                    throw Invalid($"'{name}' appears twice");
                }

                total += entry.Length;
                if (total > MaxDecompressedBytes || entry.DataStream is null && entry.Length > 0)
                {
                    throw Invalid($"the bundle is larger than {MaxDecompressedBytes} bytes decompressed");
                }

                using var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                if (normalized == ManifestName)
                {
                    manifestBytes = data.ToArray();
                }
                else
                {
                    lineBytes = data.ToArray();
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or IOException)
        {
            throw Invalid($"not a gzip-compressed tar archive: {e.Message}");
        }

        if (manifestBytes is null || lineBytes is null)
        {
            throw Invalid($"both {ManifestName} and {EnvelopesName} are required at the archive root");
        }

        var manifest = BundleManifest.Parse(manifestBytes);
        var lines = SplitLines(lineBytes);
        if (manifest.Envelopes.Count > 0 && manifest.Envelopes.Count == manifest.Count)
        {
            if (lines.Count != manifest.Count)
            {
                throw Invalid($"the manifest lists {manifest.Count} envelopes but {EnvelopesName} has {lines.Count} lines");
            }

            for (var i = 0; i < lines.Count; i++)
            {
                var digest = Convert.ToHexStringLower(SHA256.HashData(lines[i].Span));
                if (!string.Equals(digest, manifest.Envelopes[i].Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw Invalid($"line {i + 1} of {EnvelopesName} does not match its manifest digest");
                }
            }
        }

        var envelopes = new List<DsseEnvelope>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            try
            {
                envelopes.Add(DsseEnvelope.Parse(lines[i].Span));
            }
            catch (CilockException e)
            {
                throw Invalid($"line {i + 1} of {EnvelopesName} is not a DSSE envelope: {e.Message}");
            }
        }

        return new EvidenceBundle(manifest, envelopes);
    }

    private static void AddFile(TarWriter tar, string name, byte[] content, DateTimeOffset mtime)
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = Mode0644,
            ModificationTime = mtime,
            DataStream = new MemoryStream(content, writable: false),
        };
        tar.WriteEntry(entry);
    }

    // Nothing is ever extracted to disk, but a bundle with such names was not made by a well-behaved writer: refuse it.
    private static void CheckName(string name)
    {
        var segments = name.Replace('\\', '/').Split('/');
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)
            || segments.Contains("..") || (name.Length > 1 && name[1] == ':'))
        {
            throw Invalid($"unsafe path '{name}' in the bundle (absolute or with '..')");
        }
    }

    private static List<ReadOnlyMemory<byte>> SplitLines(byte[] bytes)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                end = bytes.Length;
            }

            var line = bytes.AsMemory(start, end - start);
            if (line.Length > 0 && line.Span[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.Length > MaxLineBytes)
            {
                throw Invalid($"a line of {EnvelopesName} is longer than {MaxLineBytes} bytes");
            }

            if (!line.Span.Trim(" \t"u8).IsEmpty)
            {
                lines.Add(line);
                if (lines.Count > MaxEnvelopes)
                {
                    throw Invalid($"more than {MaxEnvelopes} envelopes");
                }
            }

            start = end + 1;
        }

        return lines;
    }

    private static CilockException Invalid(string message) => new(CiDiagnostics.BundleInvalid, "invalid evidence bundle: " + message);
}
