using Cilock.Rego.Compilation;
using Cilock.Rego.Values;

namespace Cilock.Rego;

/// <summary>Entry point: parses and compiles Rego modules (plus optional base data) into a <see cref="CompiledPolicy"/>.</summary>
public static class RegoCompiler
{
    /// <summary>Compiles modules; every module is parsed separately and all are loaded together.</summary>
    /// <param name="modules">The Rego sources.</param>
    /// <param name="dataJson">The base document under <c>data</c> as JSON (an object), or null for <c>{}</c>.</param>
    /// <param name="options">Compile and evaluation options; null for the defaults (policy mode).</param>
    /// <returns>The compiled policy, reusable for many evaluations and safe to share between threads.</returns>
    /// <exception cref="RegoException">A parse or compile error (code, file, line, column).</exception>
    public static CompiledPolicy Compile(IEnumerable<RegoModule> modules, string? dataJson = null, RegoCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modules);
        options ??= new RegoCompileOptions();
        Value data = ObjectValue.Empty;
        if (!string.IsNullOrWhiteSpace(dataJson))
        {
            try
            {
                data = ValueJson.Parse(dataJson);
            }
            catch (FormatException e)
            {
                throw new RegoException("rego_data_error", "data: " + e.Message);
            }

            if (data is not ObjectValue)
            {
                throw new RegoException("rego_data_error", "data must be a JSON object");
            }
        }

        var list = modules.ToList();
        if (list.Count == 0)
        {
            throw new RegoException("rego_compile_error", "no modules to compile");
        }

        var program = Compiler.Compile(list, data, options);
        return new CompiledPolicy(program);
    }
}
