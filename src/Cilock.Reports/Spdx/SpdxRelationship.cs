using System.Text.Json.Serialization;

namespace Cilock.Reports.Spdx;

/// <summary>An SPDX relationship (<c>DESCRIBES</c>, <c>DEPENDS_ON</c>, <c>DEV_DEPENDENCY_OF</c>, <c>CONTAINS</c>).</summary>
internal sealed record SpdxRelationship(
    [property: JsonPropertyName("spdxElementId")] string SpdxElementId,
    [property: JsonPropertyName("relationshipType")] string RelationshipType,
    [property: JsonPropertyName("relatedSpdxElement")] string RelatedSpdxElement);
