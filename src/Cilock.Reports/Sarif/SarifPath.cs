namespace Cilock.Reports.Sarif;

/// <summary>
/// Path arithmetic for SARIF artifact locations that does not depend on the OS running it: a log written on Windows
/// (<c>C:\src\a.cs</c>, <c>file:///C:/src/a.cs</c>) is normalised on Linux and the other way round. Canonical form:
/// forward slashes, no <c>.</c>/<c>..</c> segments, no trailing slash.
/// </summary>
internal static class SarifPath
{
    /// <summary>True for <c>C:/…</c> paths (compared case-insensitively, like Windows does).</summary>
    public static bool IsDrivePath(string path) =>
        path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':' && (path.Length == 2 || path[2] is '/' or '\\');

    /// <summary>True for an absolute local path in any OS spelling (<c>/a</c>, <c>C:\a</c>, <c>\\server\share</c>).</summary>
    public static bool IsAbsoluteLocal(string path) =>
        path.StartsWith('/') || path.StartsWith(@"\\", StringComparison.Ordinal) || IsDrivePath(path);

    /// <summary>The canonical form of an absolute local path, or <c>null</c> when it is not one.</summary>
    public static string? Canonical(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !IsAbsoluteLocal(path))
        {
            return null;
        }

        var unc = path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal);
        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                // Never climb above the drive letter or the root.
                if (segments.Count > 0 && !(segments.Count == 1 && IsDrivePath(segments[0])))
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        var joined = string.Join('/', segments);
        if (unc)
        {
            return "//" + joined;
        }

        if (IsDrivePath(path))
        {
            // "C:" alone keeps its slash so that it stays an absolute path.
            return segments.Count == 1 ? char.ToUpperInvariant(joined[0]) + ":/" : char.ToUpperInvariant(joined[0]) + joined[1..];
        }

        return "/" + joined;
    }

    /// <summary>
    /// The local path a <c>file:</c> URI or an absolute path denotes (canonical), or <c>null</c> for anything else
    /// (a relative reference, <c>https:</c>, malformed text).
    /// </summary>
    public static string? LocalPathOf(string uriOrPath)
    {
        if (string.IsNullOrEmpty(uriOrPath))
        {
            return null;
        }

        if (uriOrPath.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var rest = uriOrPath[5..];
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(rest);
            }
            catch (UriFormatException)
            {
                return null;
            }

            // file:///C:/a, file:///tmp/a, file://server/share/a, file:/tmp/a
            if (decoded.StartsWith("///", StringComparison.Ordinal))
            {
                var path = decoded[3..];
                return Canonical(IsDrivePath(path) ? path : "/" + path);
            }

            if (decoded.StartsWith("//", StringComparison.Ordinal))
            {
                var authority = decoded[2..];
                return authority.StartsWith("localhost/", StringComparison.OrdinalIgnoreCase)
                    ? LocalPathOf("file:///" + authority["localhost/".Length..])
                    : Canonical("//" + authority);
            }

            return decoded.StartsWith('/') ? Canonical(IsDrivePath(decoded[1..]) ? decoded[1..] : decoded) : null;
        }

        return IsAbsoluteLocal(uriOrPath) ? Canonical(uriOrPath) : null;
    }

    /// <summary>
    /// <paramref name="path"/> relative to <paramref name="root"/> (both canonical), or <c>null</c> when it is not inside
    /// it. Drive-letter paths compare case-insensitively.
    /// </summary>
    public static string? RelativeTo(string path, string root)
    {
        var comparison = IsDrivePath(root) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var prefix = root.EndsWith('/') ? root : root + "/";
        return path.StartsWith(prefix, comparison) && path.Length > prefix.Length ? path[prefix.Length..] : null;
    }

    /// <summary>A relative path as a relative URI reference: each segment percent-encoded (RFC 3986 unreserved kept).</summary>
    public static string ToRelativeUri(string relativePath) =>
        string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// Resolves a relative URI reference against a base given as an absolute <c>file:</c> URI or path; <c>null</c> when
    /// the base is not a local folder or the reference is not relative.
    /// </summary>
    public static string? Resolve(string baseUri, string relativeReference)
    {
        var root = LocalPathOf(baseUri);
        if (root is null || relativeReference.Contains(':', StringComparison.Ordinal) || relativeReference.StartsWith('/'))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(relativeReference);
        }
        catch (UriFormatException)
        {
            return null;
        }

        return Canonical(root.TrimEnd('/') + "/" + decoded);
    }
}
