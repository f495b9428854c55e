namespace Cilock.Attestation.Attestors;

/// <summary>The phases of a step, run in this order; attestors of one phase run concurrently.</summary>
public enum AttestationPhase
{
    /// <summary>Before materials are recorded (environment, git, CI).</summary>
    PreMaterial,

    /// <summary>Inputs of the step.</summary>
    Material,

    /// <summary>The command itself.</summary>
    Execute,

    /// <summary>Outputs of the step.</summary>
    Product,

    /// <summary>After products (scans, SBOM, SARIF).</summary>
    PostProduct,
}
