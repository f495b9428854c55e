using System.Text.Json.Serialization;

namespace Cilock.Reports.Spdx;

/// <summary>An SPDX checksum (<c>SHA1</c>, <c>SHA256</c>, <c>SHA512</c>; lowercase hex).</summary>
internal sealed record SpdxChecksum(
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("checksumValue")] string ChecksumValue);
