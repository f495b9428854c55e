namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>
/// A change a traced process made to the file system (spec attestors.md §4.1 <c>fileOps</c>): <c>write</c>,
/// <c>rename</c>, <c>delete</c> or <c>chmod</c>.
/// </summary>
/// <param name="Kind">One of <see cref="Write"/>, <see cref="Rename"/>, <see cref="Delete"/>, <see cref="Chmod"/>.</param>
/// <param name="Path">The file (the old path of a rename).</param>
/// <param name="NewPath">The new path of a rename, else <c>null</c>.</param>
/// <param name="Mode">The permission bits of a chmod, else <c>null</c>.</param>
/// <param name="Bytes">The size of a written file when the trace was recorded; <c>null</c> when unknown (the file was moved or removed) or not a write.</param>
/// <param name="Timestamp">RFC 3339 UTC timestamp with nanoseconds, or <c>null</c>.</param>
public sealed record FileOperation(string Kind, string Path, string? NewPath = null, long? Mode = null, long? Bytes = null, string? Timestamp = null)
{
    /// <summary>A file opened for writing (<c>fileOps.writes</c>).</summary>
    public const string Write = "write";

    /// <summary>A successful rename (<c>fileOps.renames</c>).</summary>
    public const string Rename = "rename";

    /// <summary>A successful unlink or rmdir (<c>fileOps.deletes</c>).</summary>
    public const string Delete = "delete";

    /// <summary>A successful chmod (<c>fileOps.permChanges</c>).</summary>
    public const string Chmod = "chmod";
}
