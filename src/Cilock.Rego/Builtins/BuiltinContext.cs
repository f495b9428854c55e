using Cilock.Rego.Values;

namespace Cilock.Rego.Builtins;

/// <summary>Per-evaluation state available to built-ins.</summary>
internal sealed class BuiltinContext
{
    public BuiltinContext(RegoCompileOptions options, CancellationToken cancellation)
    {
        Options = options;
        Cancellation = cancellation;
        Now = options.TimeProvider.GetUtcNow();
    }

    public RegoCompileOptions Options { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The evaluation's fixed "now" (OPA fixes time.now_ns per query).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Cache for non-deterministic built-ins, keyed by name and arguments.</summary>
    public Dictionary<(string, ArrayValue), Value?> Cache { get; } = [];

    /// <summary>Throws when a built-in would produce more elements than allowed.</summary>
    public void CheckSize(long count)
    {
        if (count > Options.MaxCollectionSize)
        {
            throw new BuiltinException($"result would have {count} elements, more than the limit of {Options.MaxCollectionSize}");
        }
    }
}
