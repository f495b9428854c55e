using System.Text.Json.Serialization;
using Cilock.Reports.CycloneDx;
using Cilock.Reports.Spdx;

namespace Cilock.Reports.Sbom;

/// <summary>Source-generated serialization metadata of the SBOM models (options are set by <see cref="SbomJson"/>).</summary>
[JsonSerializable(typeof(CdxBom))]
[JsonSerializable(typeof(SpdxDocument))]
internal sealed partial class SbomJsonContext : JsonSerializerContext;
