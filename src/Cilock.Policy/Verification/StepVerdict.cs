namespace Cilock.Policy.Verification;

/// <summary>The outcome of one policy step.</summary>
/// <param name="Name">The step name.</param>
/// <param name="Passed">Whether at least one collection passed every check, including <c>artifactsFrom</c>.</param>
/// <param name="PassedCollections">References of the collections that passed.</param>
/// <param name="Rejections">Every rejected candidate with its reason (present even when the step passed).</param>
public sealed record StepVerdict(string Name, bool Passed, IReadOnlyList<string> PassedCollections, IReadOnlyList<CandidateRejection> Rejections);
