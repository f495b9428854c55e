using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Context;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Tests.Context;

/// <summary>A configurable attestor for context and builder tests.</summary>
internal sealed class FakeAttestor(string name, AttestationPhase phase, string type = "https://aflock.ai/attestations/fake/v0.1")
    : IAttestor, ISubjecter, IBackReffer
{
    public Func<AttestationContext, CancellationToken, Task>? OnAttest { get; init; }

    public Dictionary<string, DigestSet> Subjects { get; init; } = [];

    public Dictionary<string, DigestSet> BackRefs { get; init; } = [];

    public JsonNode? Json { get; init; } = new JsonObject { ["ok"] = true };

    public string Name => name;

    public AttestationPhase Phase => phase;

    public string PredicateType(Dialect dialect) => type;

    public async ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        if (OnAttest is not null)
        {
            await OnAttest(context, ct);
        }
    }

    public JsonNode? ToJson(Dialect dialect) => Json?.DeepClone();

    public IReadOnlyDictionary<string, DigestSet> GetSubjects(Dialect dialect) => Subjects;

    public IReadOnlyDictionary<string, DigestSet> GetBackRefs(Dialect dialect) => BackRefs;
}
