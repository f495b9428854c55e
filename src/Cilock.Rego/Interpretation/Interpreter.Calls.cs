using Cilock.Rego.Ast;
using Cilock.Rego.Builtins;
using Cilock.Rego.Compilation;
using Cilock.Rego.Values;

namespace Cilock.Rego.Interpretation;

/// <summary>Calls of built-ins and user functions, and <c>with</c> modifiers.</summary>
internal sealed partial class Interpreter
{
    private bool EvalCall(CallTerm c, Env env, EvalContext ctx, Func<Value, bool> k)
    {
        if (c.Builtin is { Name: "print" })
        {
            return EvalPrint(c, env, ctx, k);
        }

        var n = c.OutputArg ? c.Args.Length - 1 : c.Args.Length;
        var inputs = n == c.Args.Length ? c.Args : c.Args[..n];
        return EvalItems(inputs, 0, new Value[n], env, ctx, args =>
        {
            var result = Invoke(c, args, ctx);
            if (result is null)
            {
                return true;
            }

            if (c.Builtin is { Relation: true } && ctx.Mocks?.ContainsKey(c.Builtin.Name) != true && result is ArrayValue solutions)
            {
                foreach (var solution in solutions.Items)
                {
                    var go = c.OutputArg ? Unify(c.Args[^1], solution, env, ctx, () => k(BoolValue.True)) : k(BoolValue.True);
                    if (!go)
                    {
                        return false;
                    }
                }

                return true;
            }

            return c.OutputArg ? Unify(c.Args[^1], result, env, ctx, () => k(BoolValue.True)) : k(result);
        });
    }

    private bool EvalPrint(CallTerm c, Env env, EvalContext ctx, Func<Value, bool> k)
    {
        var parts = new List<string>();
        foreach (var a in c.Args)
        {
            var values = new List<Value>();
            EvalTerm(a, env, ctx, v =>
            {
                values.Add(v);
                return true;
            });
            parts.Add(values.Count == 0 ? "<undefined>" : string.Join(", ", values.Select(v => v is StringValue s ? s.Value : v.ToString())));
        }

        _options.PrintOutput?.WriteLine(string.Join(" ", parts));
        return k(BoolValue.True);
    }

    private Value? Invoke(CallTerm c, Value[] args, EvalContext ctx)
    {
        var key = c.Builtin?.Name ?? "data." + string.Join('.', c.DataPath!);
        if (ctx.Mocks is not null && ctx.Mocks.TryGetValue(key, out var mock))
        {
            if (mock.Constant is not null)
            {
                return mock.Constant;
            }

            if (mock.Function is not null)
            {
                // Inside a replacement the original functions are visible again (OPA: mocks do not apply to mocks).
                return CallFunction(mock.Function, args, ctx.Derive(ctx.Input, ctx.DataOverrides, null), c.Loc);
            }

            return CallBuiltin(mock.Builtin!, args, c.Loc);
        }

        if (c.Builtin is not null)
        {
            return CallBuiltin(c.Builtin, args, c.Loc);
        }

        var node = _program.Root.Find(c.DataPath!)!;
        return CallFunction(node, args, ctx, c.Loc);
    }

    private Value? CallBuiltin(BuiltinDef b, Value[] args, Location loc)
    {
        if (!b.Variadic && args.Length != b.Arity)
        {
            throw Err("rego_type_error", $"{b.Name}: arity mismatch: expected {b.Arity} arguments, got {args.Length}", loc);
        }

        if (b.NonDeterministic)
        {
            var cacheKey = (b.Name, new ArrayValue(args));
            if (_builtins.Cache.TryGetValue(cacheKey, out var cached))
            {
                return cached;
            }

            var r = CallBuiltinCore(b, args, loc);
            _builtins.Cache[cacheKey] = r;
            return r;
        }

        return CallBuiltinCore(b, args, loc);
    }

    private Value? CallBuiltinCore(BuiltinDef b, Value[] args, Location loc)
    {
        string message;
        var typeError = false;
        try
        {
            return b.Func(_builtins, args);
        }
        catch (BuiltinException e)
        {
            message = e.Message;
            typeError = e.TypeError;
        }
        catch (RegoException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidCastException)
        {
            message = "invalid argument type";
            typeError = true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or ArithmeticException or InvalidOperationException
                                      or System.Text.RegularExpressions.RegexMatchTimeoutException or System.Text.Json.JsonException
                                      or YamlDotNet.Core.YamlException or IndexOutOfRangeException or KeyNotFoundException
                                      or System.Security.Cryptography.CryptographicException or NotSupportedException or System.Formats.Asn1.AsnContentException)
        {
            message = e.Message;
        }

        if (_strict || typeError && b.Name is "internal.member_2")
        {
            throw Err(typeError ? "eval_type_error" : "eval_builtin_error", $"{b.Name}: {message}", loc);
        }

        return null;
    }

    /// <summary>Calls a user function: every definition whose parameters match; differing outputs conflict.</summary>
    private Value? CallFunction(RuleNode node, Value[] args, EvalContext ctx, Location loc)
    {
        var cacheKey = (node, new ArrayValue(args));
        if (ctx.FunctionCache.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        Enter(loc);
        try
        {
            Value? result = null;
            foreach (var rule in node.Functions)
            {
                if (rule.Args!.Length != args.Length)
                {
                    throw Err("rego_type_error", $"data.{string.Join('.', node.Path)}: arity mismatch", loc);
                }

                EvalChain(rule, args, ctx, Accept);
            }

            if (result is null && node.DefaultFunction is not null)
            {
                EvalTerm(node.DefaultFunction.Value!, new Env(), ctx, v =>
                {
                    result = v;
                    return false;
                });
            }

            ctx.FunctionCache[cacheKey] = result;
            return result;

            void Accept(Value v, Rule r)
            {
                if (result is not null && !result.Equals(v))
                {
                    throw Err("eval_conflict_error", "functions must not produce multiple outputs for same inputs", r.Loc);
                }

                result = v;
            }
        }
        finally
        {
            _depth--;
        }
    }

    private bool BindArgs(Term[] parameters, Value[] args, int i, Env env, EvalContext ctx, Func<bool> k) =>
        i == parameters.Length ? k() : Unify(parameters[i], args[i], env, ctx, () => BindArgs(parameters, args, i + 1, env, ctx, k));

    /// <summary>Builds the context for a literal with <c>with</c> modifiers; null when a replacement is undefined.</summary>
    private EvalContext? ApplyWith(Literal lit, Env env, EvalContext ctx)
    {
        var input = ctx.Input;
        var overrides = ctx.DataOverrides is null ? null : new List<(string[], Value)>(ctx.DataOverrides);
        var mocks = ctx.Mocks is null ? null : new Dictionary<string, FunctionMock>(ctx.Mocks);
        foreach (var w in lit.Withs)
        {
            FunctionMock? mock = null;
            Value? value = null;
            if (w.Value is ScalarTerm { Value: StringValue sv } && sv.Value.StartsWith("$builtin:", StringComparison.Ordinal))
            {
                mock = new FunctionMock(null, BuiltinRegistry.Find(sv.Value["$builtin:".Length..], false), null);
            }
            else if (w.Value is RefTerm { IsData: true } dr && dr.Path.All(p => p is ScalarTerm { Value: StringValue })
                     && _program.Root.Find(dr.Path.Select(p => ((StringValue)((ScalarTerm)p).Value).Value).ToArray()) is { IsFunction: true } fnode)
            {
                mock = new FunctionMock(fnode, null, null);
            }
            else
            {
                value = TryConst(w.Value, env, ctx);
                if (value is null)
                {
                    return null;
                }
            }

            switch (w.Kind)
            {
                case WithKind.Input:
                    if (value is null)
                    {
                        throw Err("rego_type_error", "with keyword cannot replace input with a function", w.Loc);
                    }

                    input = w.Path.Length == 0 ? value : SetAtPath(input, w.Path, value);
                    break;
                case WithKind.Data:
                {
                    var target = _program.Root.Find(w.Path);
                    if (target is { IsFunction: true })
                    {
                        mocks ??= [];
                        mocks["data." + string.Join('.', w.Path)] = mock ?? new FunctionMock(null, null, value);
                    }
                    else
                    {
                        if (value is null)
                        {
                            throw Err("rego_type_error", "with keyword cannot replace data with a function", w.Loc);
                        }

                        overrides ??= [];
                        overrides.Add((w.Path, value));
                    }

                    break;
                }

                default:
                    mocks ??= [];
                    mocks[w.MockBuiltin!.Name] = mock ?? new FunctionMock(null, null, value);
                    break;
            }
        }

        return ctx.Derive(input, overrides, mocks);
    }
}
