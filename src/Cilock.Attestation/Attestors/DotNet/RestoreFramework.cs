namespace Cilock.Attestation.Attestors.DotNet;

/// <summary>
/// What the project asked for in one target framework: <c>project.frameworks.&lt;alias&gt;.dependencies</c> and
/// <c>project.restore.frameworks.&lt;alias&gt;.projectReferences</c> of <c>project.assets.json</c>.
/// </summary>
/// <param name="Alias">The target alias (the key), e.g. <c>net10.0</c>.</param>
/// <param name="Framework">The <c>framework</c> member when written (the short name the <c>targets</c> keys use).</param>
/// <param name="Dependencies">Direct package dependencies.</param>
/// <param name="ProjectReferences">Direct project references.</param>
public sealed record RestoreFramework(
    string Alias,
    string? Framework,
    IReadOnlyList<RestoreDependency> Dependencies,
    IReadOnlyList<RestoreProjectReference> ProjectReferences)
{
    /// <summary>True when this entry describes the <c>targets</c> framework <paramref name="targetFramework"/>.</summary>
    public bool Describes(string targetFramework) =>
        string.Equals(Alias, targetFramework, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Framework, targetFramework, StringComparison.OrdinalIgnoreCase);
}
