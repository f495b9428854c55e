using System.CommandLine;
using Cilock.Cli.Rendering;
using Cilock.Operations.Verification;

namespace Cilock.Cli.Commands.Policy;

/// <summary><c>cilock policy new|sign|check</c>: scaffold a policy from evidence, sign it, check it.</summary>
internal sealed class PolicyCommand : Command
{
    /// <summary>Creates the command group.</summary>
    public PolicyCommand()
        : base("policy", "Create, sign and check Witness/cilock policies")
    {
        Subcommands.Add(CreateNew());
        Subcommands.Add(CreateSign());
        Subcommands.Add(CreateCheck());
        Subcommands.Add(new RulesCommand());
    }

    private static Command CreateNew()
    {
        var from = new Option<string[]>("--from") { Description = "Evidence files or directories to derive the steps from", Required = true, AllowMultipleArgumentsPerToken = true };
        var keys = new Option<FileInfo[]>("--key", "-k") { Description = "Public key(s) of the functionaries", AllowMultipleArgumentsPerToken = true };
        var outFile = new Option<FileInfo>("--outfile", "-o") { Description = "Where to write the policy (default: stdout)" };
        var rules = new Option<string[]>("--rule") { Description = "Add a built-in rule (see 'cilock policy rules') to the step entries of its attestation types: NAME[:P=JSON[;P=JSON]]" };
        var command = new Command("new", "Scaffold a policy (steps, required types, functionaries, artifactsFrom, expires in 1 year) from evidence");
        command.Options.Add(from);
        command.Options.Add(keys);
        command.Options.Add(outFile);
        command.Options.Add(rules);
        command.SetAction(parse =>
        {
            var result = PolicyOperations.New(new PolicyNewOptions(parse.GetValue(from) ?? [], [.. (parse.GetValue(keys) ?? []).Select(k => k.FullName)])
            {
                OutFile = parse.GetValue(outFile)?.FullName,
                Rules = [.. (parse.GetValue(rules) ?? []).Select(RulesCommand.ParseRuleRequest)],
            });
            return Render(parse, result);
        });
        return command;
    }

    private static Command CreateSign()
    {
        var policy = new Argument<FileInfo>("policy") { Description = "The policy JSON to sign (its exact bytes are signed)" };
        var key = new Option<FileInfo>("--key", "-k") { Description = "Private key (PEM)", Required = true };
        var passwordEnv = new Option<string>("--key-password-env") { Description = "Environment variable holding the key password" };
        var outFile = new Option<FileInfo>("--outfile", "-o") { Description = "Where to write the envelope (default: stdout)" };
        var command = new Command("sign", "Sign a policy file (DSSE, payloadType https://witness.testifysec.com/policy/v0.1)");
        command.Arguments.Add(policy);
        command.Options.Add(key);
        command.Options.Add(passwordEnv);
        command.Options.Add(outFile);
        command.SetAction(parse => Render(parse, PolicyOperations.Sign(
            parse.GetValue(policy)!.FullName,
            parse.GetValue(key)!.FullName,
            parse.GetValue(outFile)?.FullName,
            parse.GetValue(passwordEnv))));
        return command;
    }

    private static Command CreateCheck()
    {
        var file = new Argument<FileInfo>("policy") { Description = "The policy (signed envelope or bare JSON)" };
        var keys = new Option<FileInfo[]>("--publickey", "-k") { Description = "Public key(s) to verify the signature with", AllowMultipleArgumentsPerToken = true };
        var command = new Command("check", "Check a policy: schema, structure, expiry, Rego compiles, signature (with --publickey); exit 0/1");
        command.Arguments.Add(file);
        command.Options.Add(keys);
        command.SetAction(parse =>
        {
            var result = PolicyOperations.Check(parse.GetValue(file)!.FullName, [.. (parse.GetValue(keys) ?? []).Select(k => k.FullName)]);
            if (result.ExitCode == 0)
            {
                parse.InvocationConfiguration.Output.WriteLine("policy OK");
            }

            return Render(parse, result);
        });
        return command;
    }

    private static int Render(ParseResult parse, PolicyOperationResult result)
    {
        DiagnosticWriter.Write(parse.InvocationConfiguration.Error, result.Diagnostics);
        if (result.Output is { } bytes && result.OutFile is null && result.ExitCode == 0)
        {
            parse.InvocationConfiguration.Output.Write(System.Text.Encoding.UTF8.GetString(bytes));
        }

        return result.ExitCode;
    }
}
