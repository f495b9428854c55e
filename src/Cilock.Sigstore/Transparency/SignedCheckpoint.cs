using System.Globalization;
using System.Text;

namespace Cilock.Sigstore.Transparency;

/// <summary>
/// A transparency-log checkpoint in signed-note form (C2SP tlog-checkpoint + signed-note): origin, decimal tree size,
/// base64 root hash and optional extension lines, a blank line, then signature lines
/// <c>— &lt;name&gt; base64(keyhint[4] || signature)</c>.
/// </summary>
internal sealed class SignedCheckpoint
{
    private const string SignaturePrefix = "\u2014 ";

    private SignedCheckpoint(string origin, long treeSize, byte[] rootHash, byte[] signedText, IReadOnlyList<NoteSignature> signatures)
    {
        Origin = origin;
        TreeSize = treeSize;
        RootHash = rootHash;
        SignedText = signedText;
        Signatures = signatures;
    }

    /// <summary>The log's origin line.</summary>
    public string Origin { get; }

    /// <summary>The tree size the checkpoint commits to.</summary>
    public long TreeSize { get; }

    /// <summary>The root hash the checkpoint commits to.</summary>
    public byte[] RootHash { get; }

    /// <summary>The exact bytes the signatures cover (the note text through its final newline).</summary>
    public byte[] SignedText { get; }

    /// <summary>The signature lines, in order.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Parses a signed checkpoint; returns <c>null</c> and a reason when it is malformed.</summary>
    public static SignedCheckpoint? TryParse(string envelope, out string error)
    {
        error = "";
        var split = envelope.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            error = "the checkpoint has no blank line separating the note from its signatures";
            return null;
        }

        var text = envelope[..(split + 1)];
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            error = "the checkpoint must have an origin, a tree size and a root hash";
            return null;
        }

        if (lines[0].Length == 0)
        {
            error = "the checkpoint origin is empty";
            return null;
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            error = $"the checkpoint tree size '{lines[1]}' is not a positive decimal number";
            return null;
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            root = [];
        }

        if (root.Length != 32)
        {
            error = "the checkpoint root hash is not a base64 SHA-256 hash";
            return null;
        }

        var signatureBlock = envelope[(split + 2)..];
        if (signatureBlock.Length == 0 || !signatureBlock.EndsWith('\n'))
        {
            error = "the checkpoint has no signature lines";
            return null;
        }

        var signatures = new List<NoteSignature>();
        foreach (var line in signatureBlock[..^1].Split('\n'))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                error = "a checkpoint signature line does not start with an em dash";
                return null;
            }

            var parts = line[SignaturePrefix.Length..].Split(' ');
            byte[] blob;
            try
            {
                blob = parts.Length == 2 && parts[0].Length > 0 ? Convert.FromBase64String(parts[1]) : [];
            }
            catch (FormatException)
            {
                blob = [];
            }

            if (blob.Length <= 4)
            {
                error = "a checkpoint signature line is malformed";
                return null;
            }

            signatures.Add(new NoteSignature(parts[0], blob[..4], blob[4..]));
        }

        return new SignedCheckpoint(lines[0], size, root, Encoding.UTF8.GetBytes(text), signatures);
    }
}
