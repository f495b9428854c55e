namespace Cilock.Attestation.Attestors.DotNet;

/// <summary>A direct project reference as restore recorded it.</summary>
/// <param name="Path">The referenced project file (the key; a full path on the restoring machine).</param>
/// <param name="PrivateAssets">Its <c>privateAssets</c> (e.g. <c>all</c>).</param>
public sealed record RestoreProjectReference(string Path, string? PrivateAssets);
