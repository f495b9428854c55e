namespace Cilock.Policy.Rules;

/// <summary>A built-in Rego v1 rule (module with <c>import rego.v1</c> and a <c>deny</c> set).</summary>
/// <param name="Name">The rule name, e.g. <c>actions-pinned</c>.</param>
/// <param name="AttestationTypes">The predicate types the rule is written for (use it on a step entry of one of them).</param>
/// <param name="Description">One line: what passing means.</param>
/// <param name="Parameters">Its parameters (empty when none).</param>
/// <param name="FileName">The module file name, e.g. <c>actions-pinned.rego</c>.</param>
/// <param name="Source">The module text; parameters are read from <c>data.cilock.params</c>.</param>
public sealed record PolicyRule(
    string Name,
    IReadOnlyList<string> AttestationTypes,
    string Description,
    IReadOnlyList<PolicyRuleParameter> Parameters,
    string FileName,
    string Source);
