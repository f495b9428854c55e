using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;

namespace Cilock.Policy.Verification;

public sealed partial class PolicyVerifier
{
    /// <summary>Mutable state of one verification run.</summary>
    private sealed class Run(PolicyVerifier owner, List<Diagnostic> diagnostics, CancellationToken ct)
    {
        private readonly Dictionary<LoadedEvidence, EnvelopeVerification> _signatures = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<string> _notes = new(StringComparer.Ordinal);

        public HashSet<string> Search { get; } = new(StringComparer.Ordinal);

        /// <summary>The user's digests plus inclusion-bridge roots (what "matched subject" refers to).</summary>
        public HashSet<string> Initial { get; } = new(StringComparer.Ordinal);

        /// <summary>Bridge root → leaf path of the artifact in that tree.</summary>
        public Dictionary<string, string> Bridge { get; } = new(StringComparer.Ordinal);

        public List<Diagnostic> Diagnostics => diagnostics;

        /// <summary>The artifact sha256, when verifying a file.</summary>
        public string? Artifact { get; set; }

        public CancellationToken Cancellation => ct;

        public EnvelopeVerification Signature(LoadedEvidence item)
        {
            if (!_signatures.TryGetValue(item, out var result))
            {
                result = owner._envelopes.Verify(item.Source);
                _signatures[item] = result;
            }

            return result;
        }

        public void Note(string message)
        {
            if (_notes.Add(message))
            {
                diagnostics.Add(Diagnostic.Warning(PolicyDiagnostics.CompatSwitchUsed, message));
            }
        }
    }

    /// <summary>Per-step state across depths.</summary>
    private sealed class StepState(string name, PolicyStep step)
    {
        public string Name { get; } = name;

        public PolicyStep Step { get; } = step;

        public HashSet<LoadedEvidence> Evaluated { get; } = new(ReferenceEqualityComparer.Instance);

        public List<LoadedEvidence> Passed { get; } = [];

        /// <summary>Candidates whose signers passed but whose evaluation waits for upstream steps.</summary>
        public List<LoadedEvidence> Pending { get; } = [];

        public List<CandidateRejection> Rejections { get; } = [];

        public void Reject(LoadedEvidence? item, string code, string message) =>
            Rejections.Add(new CandidateRejection(Name, item?.Reference, Diagnostic.Error(code, $"step '{Name}': {message}", item?.Reference)));
    }
}
