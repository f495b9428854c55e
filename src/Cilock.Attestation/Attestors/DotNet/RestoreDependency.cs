namespace Cilock.Attestation.Attestors.DotNet;

/// <summary>A direct dependency as the project declared it.</summary>
/// <param name="Id">The dependency id.</param>
/// <param name="Target">Its <c>target</c> (<c>Package</c>, <c>Project</c>…); <c>null</c> when the entry is a bare version range.</param>
/// <param name="SuppressParent">Its <c>suppressParent</c> (e.g. <c>All</c> for <c>PrivateAssets="all"</c>).</param>
public sealed record RestoreDependency(string Id, string? Target, string? SuppressParent);
