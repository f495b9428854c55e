using System.Diagnostics;
using System.Runtime.CompilerServices;
using Cilock.Rego.Ast;
using Cilock.Rego.Builtins;
using Cilock.Rego.Compilation;
using Cilock.Rego.Values;

namespace Cilock.Rego.Interpretation;

/// <summary>
/// Top-down evaluator with backtracking in continuation-passing style: every eval method calls its continuation once
/// per solution and returns false when the continuation asked to stop.
/// </summary>
internal sealed partial class Interpreter
{
    private readonly CompiledProgram _program;
    private readonly RegoCompileOptions _options;
    private readonly BuiltinContext _builtins;
    private readonly bool _strict;
    private readonly long _deadline;
    private readonly CancellationToken _ct;
    private int _depth;
    private int _steps;

    public Interpreter(CompiledProgram program, CancellationToken ct, bool? strictOverride = null)
    {
        _program = program;
        _options = program.Options;
        _ct = ct;
        _builtins = new BuiltinContext(_options, ct);
        _strict = strictOverride ?? _options.StrictBuiltinErrors ?? _options.PolicyMode;
        _deadline = _options.Timeout <= TimeSpan.Zero || _options.Timeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(_options.Timeout.TotalSeconds * Stopwatch.Frequency);
        if (ct.IsCancellationRequested)
        {
            throw new RegoException("eval_cancel_error", "caller cancelled query execution");
        }
    }

    private static RegoException Err(string code, string msg, Location loc) => new(code, msg, loc.File, loc.Line, loc.Column);

    private void Tick(Location loc)
    {
        if ((++_steps & 255) != 0)
        {
            return;
        }

        if (_ct.IsCancellationRequested)
        {
            throw Err("eval_cancel_error", "caller cancelled query execution", loc);
        }

        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw Err("eval_cancel_error", $"evaluation exceeded the timeout of {_options.Timeout.TotalSeconds:0.###} s", loc);
        }
    }

    private void Enter(Location loc)
    {
        if (++_depth > _options.MaxRecursionDepth)
        {
            throw Err("eval_recursion_error", $"evaluation exceeded the maximum depth of {_options.MaxRecursionDepth}", loc);
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Err("eval_recursion_error", "evaluation is nested too deeply for the stack", loc);
        }
    }

    public bool EvalBody(Literal[] body, int i, Env env, EvalContext ctx, Func<bool> k)
    {
        if (i == body.Length)
        {
            return k();
        }

        var lit = body[i];
        Tick(lit.Loc);
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Err("eval_recursion_error", "evaluation is nested too deeply for the stack", lit.Loc);
        }

        // Fast paths without continuations for the common single-valued literals.
        if (lit is ExprLiteral { Withs.Length: 0 } e)
        {
            if (e.Kind == ExprKind.Term)
            {
                var r = TryEval(e.Left, env, ctx, out var v);
                if (r >= 0)
                {
                    var holds = r == 1 && v is not BoolValue { Value: false };
                    return holds == e.Negated || EvalBody(body, i + 1, env, ctx, k);
                }
            }
            else if (!e.Negated && e.Left is VarTerm { IsWildcard: false } target && target.Name is not ("input" or "data") && !env.IsBound(target.Name))
            {
                var r = TryEval(e.Right!, env, ctx, out var v);
                if (r == 0)
                {
                    return true;
                }

                if (r == 1)
                {
                    env.Bind(target.Name, v!);
                    var result = EvalBody(body, i + 1, env, ctx, k);
                    env.Unbind(target.Name);
                    return result;
                }
            }
        }

        return EvalLiteral(lit, env, ctx, () => EvalBody(body, i + 1, env, ctx, k));
    }

    /// <summary>Evaluates a top-level query body, recording each expression's value by its written position.</summary>
    public bool EvalQueryBody(Literal[] body, int i, Env env, EvalContext ctx, Value?[] values, Func<bool> k)
    {
        if (i == body.Length)
        {
            return k();
        }

        var lit = body[i];
        if (lit is ExprLiteral { Negated: false, Kind: ExprKind.Term, Withs.Length: 0 } e)
        {
            return EvalTerm(e.Left, env, ctx, v =>
            {
                if (v is BoolValue { Value: false })
                {
                    return true;
                }

                values[lit.Index] = v;
                return EvalQueryBody(body, i + 1, env, ctx, values, k);
            });
        }

        values[lit.Index] = BoolValue.True;
        return EvalLiteral(lit, env, ctx, () => EvalQueryBody(body, i + 1, env, ctx, values, k));
    }

    private bool EvalLiteral(Literal lit, Env env, EvalContext ctx, Func<bool> k)
    {
        if (lit.Withs.Length > 0)
        {
            var derived = ApplyWith(lit, env, ctx);
            if (derived is null)
            {
                return true;
            }

            ctx = derived;
        }

        switch (lit)
        {
            case ExprLiteral { Negated: true } e:
            {
                var found = false;
                EvalExpr(e, env, ctx, () =>
                {
                    found = true;
                    return false;
                });
                return found || k();
            }

            case ExprLiteral e:
                return EvalExpr(e, env, ctx, k);
            case SomeDeclLiteral:
                return k();
            case SomeInLiteral s:
                return EvalTerm(s.Collection, env, ctx, coll => Iterate(coll, (key, val) =>
                    s.Key is null ? Unify(s.Value, val, env, ctx, k) : Unify(s.Key, key, env, ctx, () => Unify(s.Value, val, env, ctx, k))));
            case EveryLiteral ev:
                return EvalEvery(ev, env, ctx, k);
            default:
                throw new InvalidOperationException("unknown literal");
        }
    }

    private bool EvalEvery(EveryLiteral ev, Env env, EvalContext ctx, Func<bool> k)
    {
        return EvalTerm(ev.Domain, env, ctx, dom =>
        {
            if (dom is not (ArrayValue or ObjectValue or SetValue))
            {
                return true;
            }

            var all = true;
            Iterate(dom, (key, val) =>
            {
                var ok = false;
                Func<bool> body = () => EvalBody(ev.Body, 0, env, ctx, () =>
                {
                    ok = true;
                    return false;
                });
                if (ev.Key is null)
                {
                    Unify(ev.Value, val, env, ctx, body);
                }
                else
                {
                    Unify(ev.Key, key, env, ctx, () => Unify(ev.Value, val, env, ctx, body));
                }

                all &= ok;
                return ok;
            });
            return !all || k();
        });
    }

    /// <summary>Calls <paramref name="f"/> with (key, value) for each element; returns false if f stopped.</summary>
    private static bool Iterate(Value coll, Func<Value, Value, bool> f)
    {
        switch (coll)
        {
            case ArrayValue a:
                for (var i = 0; i < a.Items.Length; i++)
                {
                    if (!f(NumberValue.Of(i), a.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case ObjectValue o:
                foreach (var key in o.SortedKeys)
                {
                    if (!f(key, o.Items[key]))
                    {
                        return false;
                    }
                }

                return true;
            case SetValue s:
                foreach (var x in s.Sorted)
                {
                    if (!f(x, x))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private bool EvalExpr(ExprLiteral e, Env env, EvalContext ctx, Func<bool> k) => e.Kind switch
    {
        ExprKind.Term => EvalTerm(e.Left, env, ctx, v => v is BoolValue { Value: false } || k()),
        _ => UnifyTerms(e.Left, e.Right!, env, ctx, k),
    };

    /// <summary>Evaluates a term, calling k once per value.</summary>
    public bool EvalTerm(Term t, Env env, EvalContext ctx, Func<Value, bool> k)
    {
        // Fast path: most terms have at most one value; only enumeration needs continuations.
        switch (TryEval(t, env, ctx, out var single))
        {
            case 1:
                return k(single!);
            case 0:
                return true;
        }

        switch (t)
        {
            case ScalarTerm s:
                return k(s.Value);
            case VarTerm v:
            {
                if (v.Name == "input")
                {
                    return ctx.Input is null || k(ctx.Input);
                }

                if (v.Name == "data")
                {
                    return EvalData(Array.Empty<Term>(), 0, _program.Root, _program.Data, [], env, ctx, k);
                }

                var val = env.Get(v.Name);
                if (val is null)
                {
                    throw Err("rego_unsafe_var_error", $"var {v.Display} is unsafe", v.Loc);
                }

                return k(val);
            }

            case RefTerm r:
                return EvalRef(r, env, ctx, k);
            case ArrayTerm a:
                return EvalItems(a.Items, 0, new Value[a.Items.Length], env, ctx, items => k(new ArrayValue((Value[])items.Clone())));
            case SetTerm s:
                return EvalItems(s.Items, 0, new Value[s.Items.Length], env, ctx, items => k(new SetValue(items)));
            case ObjectTerm o:
            {
                var flat = new Term[o.Items.Length * 2];
                for (var i = 0; i < o.Items.Length; i++)
                {
                    flat[2 * i] = o.Items[i].Key;
                    flat[(2 * i) + 1] = o.Items[i].Value;
                }

                return EvalItems(flat, 0, new Value[flat.Length], env, ctx, items =>
                {
                    var d = new Dictionary<Value, Value>(o.Items.Length);
                    for (var i = 0; i < items.Length; i += 2)
                    {
                        d[items[i]] = items[i + 1];
                    }

                    return k(new ObjectValue(d));
                });
            }

            case ComprehensionTerm c:
                return k(EvalComprehension(c, env, ctx));
            case CallTerm c:
                return EvalCall(c, env, ctx, k);
            default:
                throw new InvalidOperationException("unknown term");
        }
    }

    /// <summary>
    /// Evaluates a term that cannot enumerate: 1 = one value, 0 = undefined, -1 = it needs enumeration (an unbound
    /// variable, a data reference or a relation), in which case nothing was called and the caller uses the general path.
    /// </summary>
    private int TryEval(Term t, Env env, EvalContext ctx, out Value? value)
    {
        value = null;
        switch (t)
        {
            case ScalarTerm s:
                value = s.Value;
                return 1;
            case VarTerm v:
                if (v.Name == "input")
                {
                    value = ctx.Input;
                    return value is null ? 0 : 1;
                }

                value = v.Name == "data" ? null : env.Get(v.Name);
                return value is null ? -1 : 1;
            case RefTerm r:
            {
                Value? cur;
                if (r.Head is VarTerm hv)
                {
                    if (hv.Name == "data")
                    {
                        return -1;
                    }

                    cur = hv.Name == "input" ? ctx.Input : env.Get(hv.Name);
                    if (cur is null)
                    {
                        return hv.Name == "input" ? 0 : -1;
                    }
                }
                else
                {
                    var hr = TryEval(r.Head, env, ctx, out cur);
                    if (hr != 1)
                    {
                        return hr;
                    }
                }

                foreach (var p in r.Path)
                {
                    Value? key;
                    if (p is ScalarTerm ps)
                    {
                        key = ps.Value;
                    }
                    else
                    {
                        var kr = TryEval(p, env, ctx, out key);
                        if (kr != 1)
                        {
                            return kr;
                        }
                    }

                    cur = Lookup(cur!, key!);
                    if (cur is null)
                    {
                        return 0;
                    }
                }

                value = cur;
                return 1;
            }

            case CallTerm c when !c.OutputArg && c.Builtin is not { Relation: true } && c.Builtin is not { Name: "print" }:
            {
                var args = new Value[c.Args.Length];
                var undefined = false;
                for (var i = 0; i < args.Length; i++)
                {
                    var ar = TryEval(c.Args[i], env, ctx, out var av);
                    if (ar < 0)
                    {
                        return -1;
                    }

                    if (ar == 0)
                    {
                        undefined = true;
                    }
                    else
                    {
                        args[i] = av!;
                    }
                }

                if (undefined)
                {
                    return 0;
                }

                value = Invoke(c, args, ctx);
                return value is null ? 0 : 1;
            }

            case ArrayTerm or ObjectTerm or SetTerm when ConstantOf(t) is { } constant:
                value = constant;
                return 1;
            case ObjectTerm o:
            {
                var d = new Dictionary<Value, Value>(o.Items.Length);
                foreach (var (kt, vt) in o.Items)
                {
                    var kr = TryEval(kt, env, ctx, out var kv);
                    if (kr != 1)
                    {
                        return kr;
                    }

                    var vr = TryEval(vt, env, ctx, out var vv);
                    if (vr != 1)
                    {
                        return vr;
                    }

                    d[kv!] = vv!;
                }

                value = new ObjectValue(d);
                return 1;
            }

            case SetTerm st:
            {
                var set = new HashSet<Value>();
                foreach (var it in st.Items)
                {
                    var ir = TryEval(it, env, ctx, out var iv);
                    if (ir != 1)
                    {
                        return ir;
                    }

                    set.Add(iv!);
                }

                value = new SetValue(set);
                return 1;
            }

            case ArrayTerm a:
            {
                var items = new Value[a.Items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    var ir = TryEval(a.Items[i], env, ctx, out var iv);
                    if (ir != 1)
                    {
                        return ir;
                    }

                    items[i] = iv!;
                }

                value = new ArrayValue(items);
                return 1;
            }

            case ComprehensionTerm comp:
                value = EvalComprehension(comp, env, ctx);
                return 1;
            default:
                return -1;
        }
    }

    /// <summary>The value of a collection literal built only from constants, computed once per term.</summary>
    private static Value? ConstantOf(Term t)
    {
        if (t.ConstantChecked)
        {
            return t.Constant;
        }

        Value? c = t switch
        {
            ScalarTerm s => s.Value,
            ArrayTerm a => a.Items.Select(ConstantOf).ToArray() is var xs && xs.All(x => x is not null) ? new ArrayValue(xs!) : null,
            SetTerm st => st.Items.Select(ConstantOf).ToArray() is var ys && ys.All(x => x is not null) ? new SetValue(ys!) : null,
            ObjectTerm o => o.Items.Select(p => (K: ConstantOf(p.Key), V: ConstantOf(p.Value))).ToArray() is var ps && ps.All(p => p.K is not null && p.V is not null)
                ? new ObjectValue(ps.GroupBy(p => p.K!).ToDictionary(g => g.Key, g => g.Last().V!))
                : null,
            _ => null,
        };
        t.Constant = c;
        t.ConstantChecked = true;
        return c;
    }

    private bool EvalItems(Term[] items, int i, Value[] acc, Env env, EvalContext ctx, Func<Value[], bool> k)
    {
        if (i == items.Length)
        {
            return k(acc);
        }

        return EvalTerm(items[i], env, ctx, v =>
        {
            acc[i] = v;
            return EvalItems(items, i + 1, acc, env, ctx, k);
        });
    }

    private Value EvalComprehension(ComprehensionTerm c, Env env, EvalContext ctx)
    {
        Enter(c.Loc);
        try
        {
            switch (c.Kind)
            {
                case ComprehensionKind.Array:
                {
                    var list = new List<Value>();
                    EvalBody(c.Body, 0, env, ctx, () => EvalTerm(c.Head, env, ctx, v =>
                    {
                        list.Add(v);
                        return true;
                    }));
                    return new ArrayValue(list.ToArray());
                }

                case ComprehensionKind.Set:
                {
                    var set = new HashSet<Value>();
                    EvalBody(c.Body, 0, env, ctx, () => EvalTerm(c.Head, env, ctx, v =>
                    {
                        set.Add(v);
                        return true;
                    }));
                    return new SetValue(set);
                }

                default:
                {
                    var d = new Dictionary<Value, Value>();
                    EvalBody(c.Body, 0, env, ctx, () => EvalTerm(c.Head, env, ctx, key => EvalTerm(c.Value!, env, ctx, val =>
                    {
                        if (d.TryGetValue(key, out var existing) && !existing.Equals(val))
                        {
                            throw Err("eval_conflict_error", "object keys must be unique", c.Loc);
                        }

                        d[key] = val;
                        return true;
                    })));
                    return new ObjectValue(d);
                }
            }
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>True when the term still has unbound variables in pattern positions (cannot be evaluated yet).</summary>
    private static bool HasUnbound(Term t, Env env) => t switch
    {
        VarTerm v => v.Name is not ("input" or "data") && !env.IsBound(v.Name),
        ArrayTerm a => a.Items.Any(x => HasUnbound(x, env)),
        ObjectTerm o => o.Items.Any(x => HasUnbound(x.Value, env)),
        _ => false,
    };

    /// <summary>Unifies a (possibly partially bound) pattern with a value.</summary>
    public bool Unify(Term pattern, Value v, Env env, EvalContext ctx, Func<bool> k)
    {
        switch (pattern)
        {
            case VarTerm var when var.Name is not ("input" or "data"):
            {
                var cur = env.Get(var.Name);
                if (cur is not null)
                {
                    return !cur.Equals(v) || k();
                }

                Tick(var.Loc);
                env.Bind(var.Name, v);
                var r = k();
                env.Unbind(var.Name);
                return r;
            }

            case ScalarTerm s:
                return !s.Value.Equals(v) || k();
            case ArrayTerm a when HasUnbound(a, env):
                return v is not ArrayValue av || av.Count != a.Items.Length || UnifyArray(a.Items, av.Items, 0, env, ctx, k);
            case ObjectTerm o when HasUnbound(o, env):
            {
                if (v is not ObjectValue ov || ov.Count != o.Items.Length)
                {
                    return true;
                }

                return UnifyObject(o, ov, 0, env, ctx, k);
            }

            default:
                return EvalTerm(pattern, env, ctx, pv => !pv.Equals(v) || k());
        }
    }

    private bool UnifyArray(Term[] items, Value[] values, int i, Env env, EvalContext ctx, Func<bool> k) =>
        i == items.Length ? k() : Unify(items[i], values[i], env, ctx, () => UnifyArray(items, values, i + 1, env, ctx, k));

    private bool UnifyObject(ObjectTerm o, ObjectValue ov, int i, Env env, EvalContext ctx, Func<bool> k)
    {
        if (i == o.Items.Length)
        {
            return k();
        }

        return EvalTerm(o.Items[i].Key, env, ctx, key =>
        {
            var val = ov.Get(key);
            return val is null || Unify(o.Items[i].Value, val, env, ctx, () => UnifyObject(o, ov, i + 1, env, ctx, k));
        });
    }

    private bool UnifyTerms(Term a, Term b, Env env, EvalContext ctx, Func<bool> k)
    {
        if (!HasUnbound(b, env))
        {
            return EvalTerm(b, env, ctx, bv => Unify(a, bv, env, ctx, k));
        }

        if (!HasUnbound(a, env))
        {
            return EvalTerm(a, env, ctx, av => Unify(b, av, env, ctx, k));
        }

        if (a is ArrayTerm aa && b is ArrayTerm ba)
        {
            return aa.Items.Length != ba.Items.Length || UnifyTermArrays(aa.Items, ba.Items, 0, env, ctx, k);
        }

        if (a is ObjectTerm ao && b is ObjectTerm bo)
        {
            if (ao.Items.Length != bo.Items.Length)
            {
                return true;
            }

            // Keys are ground: pair the items by key value.
            var pairs = new List<(Term, Term)>();
            foreach (var (ak, av) in ao.Items)
            {
                Value? akv = null;
                EvalTerm(ak, env, ctx, x =>
                {
                    akv = x;
                    return false;
                });
                var match = bo.Items.FirstOrDefault(bi =>
                {
                    Value? bkv = null;
                    EvalTerm(bi.Key, env, ctx, x =>
                    {
                        bkv = x;
                        return false;
                    });
                    return bkv is not null && bkv.Equals(akv);
                });
                if (match.Key is null)
                {
                    return true;
                }

                pairs.Add((av, match.Value));
            }

            return UnifyTermArrays([.. pairs.Select(p => p.Item1)], [.. pairs.Select(p => p.Item2)], 0, env, ctx, k);
        }

        var unbound = a is VarTerm va ? va : b as VarTerm;
        throw Err("rego_unsafe_var_error", $"var {(unbound is null ? "_" : unbound.Display)} is unsafe", a.Loc);
    }

    private bool UnifyTermArrays(Term[] a, Term[] b, int i, Env env, EvalContext ctx, Func<bool> k) =>
        i == a.Length ? k() : UnifyTerms(a[i], b[i], env, ctx, () => UnifyTermArrays(a, b, i + 1, env, ctx, k));
}
