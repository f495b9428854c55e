namespace Cilock.Attestation.Attestors.DotNet;

/// <summary>A library in one restore target and the ids it depends on there (ranges are resolved by the caller).</summary>
/// <param name="Id">Package or project id, as written.</param>
/// <param name="Version">Resolved version.</param>
/// <param name="DependencyIds">Ids of its declared dependencies in this target, in file order.</param>
public sealed record RestoreTargetLibrary(string Id, string Version, IReadOnlyList<string> DependencyIds);
