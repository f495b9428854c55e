using System.Security.Cryptography;
using System.Text;

namespace Cilock.Operations.Archivista;

/// <summary>
/// The Archivista object id of stored bytes: lowercase hex SHA-256 of <c>"blob " + length + NUL + bytes</c> over the
/// exact bytes (spec archivista-and-bundles.md §2). A trailing newline changes it: Witness's client appends one, ours
/// does not, so the id of a file and of the same envelope uploaded by Witness differ.
/// </summary>
public static class Gitoid
{
    /// <summary>The gitoid of <paramref name="content"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes($"blob {content.Length}\0"));
        hash.AppendData(content);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Whether <paramref name="value"/> is 64 hex digits (either case).</summary>
    public static bool IsValid(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);
}
