namespace Cilock.Operations.Recording;

/// <summary>
/// Extra search edges between the steps of one build, so a verifier that starts from a package's sha256 finds every
/// step through sha256 digests alone (v0.3 trees otherwise only expose their Merkle roots). Only files inside the
/// working directory are linked, never the reference packs or the NuGet cache.
/// </summary>
[Flags]
public enum StepFileLinks
{
    /// <summary>No extra subjects or backrefs.</summary>
    None = 0,

    /// <summary>A <c>…/product/…/file:&lt;path&gt;</c> subject per product (the step is found by its outputs).</summary>
    ProductSubjects = 1,

    /// <summary>A <c>file:</c> backref per product (steps that consume the outputs are searched next).</summary>
    ProductBackRefs = 2,

    /// <summary>A <c>…/material/…/file:&lt;path&gt;</c> subject per material (the step is found by its inputs).</summary>
    MaterialSubjects = 4,

    /// <summary>A <c>file:</c> backref per material (the steps that produced the inputs are searched next).</summary>
    MaterialBackRefs = 8,
}
