namespace Cilock.Rego;

/// <summary>Which Rego syntax a module is parsed with.</summary>
public enum RegoSyntax
{
    /// <summary>v0 unless the module imports <c>rego.v1</c>; <c>future.keywords.*</c> imports enable single keywords.</summary>
    Auto,

    /// <summary>Rego v0 (bodies without <c>if</c>, <c>deny[msg] { … }</c>), plus any <c>future.keywords</c> imports.</summary>
    V0,

    /// <summary>Rego v1 (<c>if</c> and <c>contains</c> required; <c>in</c>, <c>every</c> are keywords).</summary>
    V1,
}
