namespace Cilock.Attestation.Attestors;

/// <summary>Which product's vocabulary evidence is written in (spec README "Our stance").</summary>
public enum Dialect
{
    /// <summary>cilock (aflock.ai URIs, material/product v0.3, command-run v0.2, backrefs). The default.</summary>
    Cilock,

    /// <summary>Only what Witness v0.10 can load (witness.dev URIs, v0.1 shapes, five digest names).</summary>
    Witness,
}
