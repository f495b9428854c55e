using Cilock.Operations.Archivista;

namespace Cilock.Operations.Bundles;

/// <summary>Inputs of <c>cilock bundle create</c>.</summary>
public sealed record BundleCreateOptions
{
    /// <summary>Where the <c>.tar.gz</c> is written (atomically).</summary>
    public required string OutputPath { get; init; }

    /// <summary>Evidence files and directories to include.</summary>
    public IReadOnlyList<string> Attestations { get; init; } = [];

    /// <summary>Also (or only) collect the subject graph from this Archivista server.</summary>
    public ArchivistaSettings? Archivista { get; init; }

    /// <summary>Subject digests (<c>[alg:]hex</c>) the bundle is built for (required with <see cref="Archivista"/>).</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];

    /// <summary>Archivista search rounds.</summary>
    public int Depth { get; init; } = 5;

    /// <summary>Most envelopes collected from Archivista.</summary>
    public int MaxEnvelopes { get; init; } = 10_000;

    /// <summary>The clock for <c>createdAt</c>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
