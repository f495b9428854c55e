using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>One node of the dependency graph: <c>ref</c> depends on every <c>dependsOn</c> bom-ref.</summary>
internal sealed record CdxDependency(
    [property: JsonPropertyName("ref")] string Ref,
    [property: JsonPropertyName("dependsOn")] IReadOnlyList<string> DependsOn);
