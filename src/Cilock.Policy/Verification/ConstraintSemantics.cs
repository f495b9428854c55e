namespace Cilock.Policy.Verification;

/// <summary>Which product's <c>CertConstraint.Check</c> semantics apply (spec policy.md §3.2).</summary>
public enum ConstraintSemantics
{
    /// <summary>cilock (default): globs, case-insensitive CN, fail-closed empty CN, vacuous-SAN rule, code-signing EKU.</summary>
    Cilock,

    /// <summary>Witness: exact sets, lone <c>*</c>, empty constraint = none allowed, any EKU.</summary>
    Witness,
}
