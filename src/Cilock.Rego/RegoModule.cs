namespace Cilock.Rego;

/// <summary>One Rego source file.</summary>
/// <param name="FileName">The name used in error locations (for policies: <c>regopolicies[].name</c>).</param>
/// <param name="Source">The Rego source text.</param>
public sealed record RegoModule(string FileName, string Source);
