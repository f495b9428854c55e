namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>An opened path whose content has no digest, and why (spec attestors.md §4.1 <c>unhashedOpens</c>).</summary>
/// <param name="Path">The opened path.</param>
/// <param name="Reason">
/// <c>pseudo-filesystem</c> (/proc, /sys, /dev), <c>not-regular-file</c> (directory, FIFO, socket), <c>unreadable</c>
/// (permissions) or <c>vanished</c> (deleted before it was hashed).
/// </param>
public sealed record UnhashedOpen(string Path, string Reason);
