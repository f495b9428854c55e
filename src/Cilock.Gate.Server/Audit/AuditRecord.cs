namespace Cilock.Gate.Server.Audit;

/// <summary>One decision of the gate, written as one JSON line.</summary>
/// <param name="Action">push, symbols, delete or evidence.</param>
/// <param name="Verdict">admitted, refused or error.</param>
/// <param name="Status">The HTTP status answered.</param>
internal sealed record AuditRecord(string Action, string Verdict, int Status)
{
    internal DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;

    internal string? Pusher { get; init; }

    internal string? PackageId { get; init; }

    internal string? PackageVersion { get; init; }

    internal string? Sha256 { get; init; }

    internal string? Policy { get; init; }

    internal string? PolicyDigest { get; init; }

    internal double? VerifyMilliseconds { get; init; }

    internal IReadOnlyList<string> Evidence { get; init; } = [];

    internal IReadOnlyList<string> Reasons { get; init; } = [];
}
