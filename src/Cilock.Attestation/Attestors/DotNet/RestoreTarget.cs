namespace Cilock.Attestation.Attestors.DotNet;

/// <summary>One entry of <c>project.assets.json</c> <c>targets</c>: the restore graph of one framework (and runtime).</summary>
/// <param name="Name">The key as written, e.g. <c>net10.0</c> or <c>net10.0/linux-x64</c>.</param>
/// <param name="Libraries">Its libraries in file order.</param>
public sealed record RestoreTarget(string Name, IReadOnlyList<RestoreTargetLibrary> Libraries);
