using Cilock.Rego.Ast;
using Cilock.Rego.Values;

namespace Cilock.Rego.Compilation;

/// <summary>The compiler's output: the rule tree, modules, base data and options.</summary>
internal sealed class CompiledProgram(RuleNode root, IReadOnlyList<Module> modules, Value data, RegoCompileOptions options)
{
    public RuleNode Root { get; } = root;

    public IReadOnlyList<Module> Modules { get; } = modules;

    public Value Data { get; } = data;

    public RegoCompileOptions Options { get; } = options;
}
