using System.CommandLine;
using Cilock.Cli.Hosting;
using Cilock.Cli.Rendering;
using Cilock.Policy.Diagnostics;
using Cilock.Rego;

namespace Cilock.Cli.Commands.Rego;

/// <summary><c>cilock rego eval|check</c>: evaluate queries and check modules with the policy engine's Rego.</summary>
internal sealed class RegoCommand : Command
{
    /// <summary>Creates the command group.</summary>
    public RegoCommand()
        : base("rego", "Evaluate and check Rego with the same engine policy verification uses")
    {
        Subcommands.Add(CreateEval());
        Subcommands.Add(CreateCheck());
    }

    private static Option<string> SyntaxOption() => new("--syntax")
    {
        Description = "auto (v0 unless the module imports rego.v1, as Witness/cilock do), v0 or v1",
        DefaultValueFactory = _ => "auto",
    };

    private static RegoSyntax ParseSyntax(string? s) => s?.ToLowerInvariant() switch
    {
        null or "auto" => RegoSyntax.Auto,
        "v0" => RegoSyntax.V0,
        "v1" => RegoSyntax.V1,
        _ => throw new Attestation.Diagnostics.CilockException(CliDiagnostics.UsageError, $"--syntax must be auto, v0 or v1, not '{s}'"),
    };

    private static Command CreateEval()
    {
        var query = new Argument<string>("query") { Description = "Rego query, e.g. data.ci.secrets.deny (ignored with --deny)", Arity = ArgumentArity.ZeroOrOne };
        var data = new Option<string[]>("--data", "-d") { Description = ".rego module, .json data document or directory (repeat -d for more)", Required = true };
        var input = new Option<FileInfo>("--input", "-i") { Description = "Input document (JSON)" };
        var syntax = SyntaxOption();
        var deny = new Option<bool>("--deny") { Description = "Evaluate data.<package>.deny of every package like policy verification; exit 1 when denied or failed" };
        var fail = new Option<bool>("--fail") { Description = "Exit 1 when the query is undefined" };
        var unsafeBuiltins = new Option<bool>("--allow-unsafe-builtins") { Description = "Leave policy mode: lenient built-in errors and net.cidr_* (no network access either way)" };
        var timeout = new Option<int>("--timeout") { Description = "Evaluation timeout in seconds", DefaultValueFactory = _ => 30 };
        var command = new Command("eval", "Evaluate a query (opa eval JSON output) or the deny rules of every package");
        command.Arguments.Add(query);
        command.Options.Add(data);
        command.Options.Add(input);
        command.Options.Add(syntax);
        command.Options.Add(deny);
        command.Options.Add(fail);
        command.Options.Add(unsafeBuiltins);
        command.Options.Add(timeout);
        command.SetAction((parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var workspace = RegoWorkspace.Load(parse.GetValue(data) ?? []);
            string? inputJson = null;
            if (parse.GetValue(input) is { } inputFile)
            {
                try
                {
                    inputJson = File.ReadAllText(inputFile.FullName);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    DiagnosticWriter.Error(error, PolicyDiagnostics.RegoEvaluationError, $"{inputFile.FullName}: cannot read: {e.Message}");
                    return Task.FromResult(ExitCodes.UsageOrInputError);
                }
            }

            var options = new RegoCompileOptions
            {
                Syntax = ParseSyntax(parse.GetValue(syntax)),
                PolicyMode = !parse.GetValue(unsafeBuiltins),
                Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
                PrintOutput = error,
            };
            CompiledPolicy policy;
            try
            {
                policy = RegoCompiler.Compile(workspace.Modules, workspace.DataJson, options);
            }
            catch (RegoException e)
            {
                DiagnosticWriter.Error(error, PolicyDiagnostics.RegoCompileError, e.Message);
                return Task.FromResult(ExitCodes.UsageOrInputError);
            }

            if (parse.GetValue(deny))
            {
                var result = policy.EvaluateDeny(inputJson ?? "{}", ct);
                foreach (var reason in result.Reasons)
                {
                    DiagnosticWriter.Error(error, PolicyDiagnostics.RegoDeny, reason);
                }

                if (result.Error is not null)
                {
                    DiagnosticWriter.Error(error, PolicyDiagnostics.RegoEvaluationError, result.Error);
                }

                if (result.Passed)
                {
                    output.WriteLine("pass: nothing denied");
                }

                return Task.FromResult(result.Passed ? ExitCodes.Success : ExitCodes.CheckFailed);
            }

            var q = parse.GetValue(query);
            if (string.IsNullOrWhiteSpace(q))
            {
                DiagnosticWriter.Error(error, CliDiagnostics.UsageError, "a query is required (or use --deny)");
                return Task.FromResult(ExitCodes.UsageOrInputError);
            }

            try
            {
                var result = policy.Evaluate(q, inputJson, ct);
                output.WriteLine(result.ToJson(indented: true));
                return Task.FromResult(result.IsUndefined && parse.GetValue(fail) ? ExitCodes.CheckFailed : ExitCodes.Success);
            }
            catch (RegoException e)
            {
                var code = e.Code.StartsWith("eval_", StringComparison.Ordinal) ? PolicyDiagnostics.RegoEvaluationError : PolicyDiagnostics.RegoCompileError;
                DiagnosticWriter.Error(error, code, e.Message);
                return Task.FromResult(ExitCodes.UsageOrInputError);
            }
        });
        return command;
    }

    private static Command CreateCheck()
    {
        var files = new Argument<string[]>("paths") { Description = ".rego files or directories", Arity = ArgumentArity.OneOrMore };
        var syntax = SyntaxOption();
        var command = new Command("check", "Parse and compile Rego modules (unsafe variables, unknown built-ins, recursion); exit 0/1");
        command.Arguments.Add(files);
        command.Options.Add(syntax);
        command.SetAction(parse =>
        {
            var workspace = RegoWorkspace.Load(parse.GetValue(files) ?? []);
            if (workspace.Modules.Count == 0)
            {
                DiagnosticWriter.Error(parse.InvocationConfiguration.Error, PolicyDiagnostics.RegoCompileError, "no .rego modules found");
                return ExitCodes.CheckFailed;
            }

            try
            {
                var policy = RegoCompiler.Compile(workspace.Modules, workspace.DataJson, new RegoCompileOptions { Syntax = ParseSyntax(parse.GetValue(syntax)) });
                parse.InvocationConfiguration.Output.WriteLine($"{workspace.Modules.Count} module(s) OK; packages: {string.Join(", ", policy.Packages)}");
                return ExitCodes.Success;
            }
            catch (RegoException e)
            {
                DiagnosticWriter.Error(parse.InvocationConfiguration.Error, PolicyDiagnostics.RegoCompileError, e.Message);
                return ExitCodes.CheckFailed;
            }
        });
        return command;
    }
}
