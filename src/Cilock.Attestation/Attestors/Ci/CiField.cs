namespace Cilock.Attestation.Attestors.Ci;

/// <summary>One member of a CI platform attestation.</summary>
/// <param name="Name">The JSON member name.</param>
/// <param name="Value">The value (empty when the variable is unset; Go writes empty strings too).</param>
/// <param name="CilockOnly">Written in the cilock dialect only (not part of the Witness shape).</param>
internal sealed record CiField(string Name, string Value, bool CilockOnly = false);
