namespace Cilock.Rego;

/// <summary>Options for <see cref="RegoCompiler.Compile"/> and the evaluations of the resulting policy.</summary>
public sealed record RegoCompileOptions
{
    /// <summary>The syntax used to parse every module (default <see cref="RegoSyntax.Auto"/>, as both Go products do).</summary>
    public RegoSyntax Syntax { get; init; } = RegoSyntax.Auto;

    /// <summary>
    /// Policy mode (default): the network/runtime built-ins <c>http.send</c>, <c>opa.runtime</c> and
    /// <c>net.lookup_ip_addr</c> do not exist (using them is a compile error) and built-in errors abort evaluation.
    /// </summary>
    public bool PolicyMode { get; init; } = true;

    /// <summary>
    /// Whether a failing built-in aborts evaluation (true) or makes its expression undefined (false, OPA's default).
    /// When null, strict in <see cref="PolicyMode"/> and lenient otherwise.
    /// </summary>
    public bool? StrictBuiltinErrors { get; init; }

    /// <summary>Wall-clock limit for one evaluation (default 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum nesting of rule, function and comprehension evaluation (default 2,000).</summary>
    public int MaxRecursionDepth { get; init; } = 2_000;

    /// <summary>Maximum number of elements a single built-in may produce (guards e.g. <c>numbers.range</c>), default 10 million.</summary>
    public int MaxCollectionSize { get; init; } = 10_000_000;

    /// <summary>
    /// Witness compatibility for <see cref="CompiledPolicy.EvaluateDeny"/>: an undefined <c>deny</c> passes instead
    /// of failing. Weakens the check; off by default.
    /// </summary>
    public bool MissingDenyPasses { get; init; }

    /// <summary>Where <c>print</c> writes; null discards the output.</summary>
    public TextWriter? PrintOutput { get; init; }

    /// <summary>Clock for <c>time.now_ns</c>; defaults to the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
