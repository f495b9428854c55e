using Cilock.Rego.Ast;
using Cilock.Rego.Compilation;
using Cilock.Rego.Values;

namespace Cilock.Rego.Interpretation;

/// <summary>References: walking values, the virtual document tree and rule evaluation.</summary>
internal sealed partial class Interpreter
{
    private bool EvalRef(RefTerm r, Env env, EvalContext ctx, Func<Value, bool> k)
    {
        if (r.Head is VarTerm hv)
        {
            switch (hv.Name)
            {
                case "input":
                    return ctx.Input is null || WalkPath(ctx.Input, r.Path, 0, env, ctx, k);
                case "data":
                    return EvalData(r.Path, 0, _program.Root, _program.Data, [], env, ctx, k);
                default:
                {
                    var v = env.Get(hv.Name) ?? throw Err("rego_unsafe_var_error", $"var {hv.Display} is unsafe", hv.Loc);
                    return WalkPath(v, r.Path, 0, env, ctx, k);
                }
            }
        }

        return EvalTerm(r.Head, env, ctx, h => WalkPath(h, r.Path, 0, env, ctx, k));
    }

    private static Value? Lookup(Value v, Value key) => v switch
    {
        ArrayValue a => key is NumberValue n && n.TryToInt32(out var i) && i >= 0 && i < a.Count ? a.Items[i] : null,
        ObjectValue o => o.Get(key),
        SetValue s => s.Contains(key) ? key : null,
        _ => null,
    };

    private bool WalkPath(Value v, Term[] path, int i, Env env, EvalContext ctx, Func<Value, bool> k)
    {
        if (i == path.Length)
        {
            return k(v);
        }

        var p = path[i];
        switch (p)
        {
            case ScalarTerm s:
            {
                var next = Lookup(v, s.Value);
                return next is null || WalkPath(next, path, i + 1, env, ctx, k);
            }

            case VarTerm var:
            {
                var bound = env.Get(var.Name);
                if (bound is not null)
                {
                    var next = Lookup(v, bound);
                    return next is null || WalkPath(next, path, i + 1, env, ctx, k);
                }

                return Iterate(v, (key, val) =>
                {
                    env.Bind(var.Name, key);
                    var r = WalkPath(val, path, i + 1, env, ctx, k);
                    env.Unbind(var.Name);
                    return r;
                });
            }

            default:
                if (HasUnbound(p, env))
                {
                    return Iterate(v, (key, val) => Unify(p, key, env, ctx, () => WalkPath(val, path, i + 1, env, ctx, k)));
                }

                return EvalTerm(p, env, ctx, key =>
                {
                    var next = Lookup(v, key);
                    return next is null || WalkPath(next, path, i + 1, env, ctx, k);
                });
        }
    }

    /// <summary>Walks <c>data</c>: rule nodes are evaluated, base data is read, and <c>with data…</c> overrides apply.</summary>
    private bool EvalData(Term[] path, int i, RuleNode? node, Value? baseVal, List<string> trail, Env env, EvalContext ctx, Func<Value, bool> k)
    {
        if (ctx.DataOverrides is not null)
        {
            foreach (var (opath, oval) in ctx.DataOverrides)
            {
                if (opath.Length == trail.Count && opath.AsSpan().SequenceEqual(trail.ToArray()))
                {
                    return WalkPath(oval, path, i, env, ctx, k);
                }
            }
        }

        if (node is null)
        {
            if (baseVal is null && ctx.DataOverrides is not null && HasOverrideBelow(trail, ctx))
            {
                baseVal = ObjectValue.Empty;
            }

            return baseVal is null || WalkPath(PatchOverrides(baseVal, trail, ctx), path, i, env, ctx, k);
        }

        if (node.HasRules || node.IsFunction)
        {
            var rv = node.IsFunction ? null : RuleNodeWithChildren(node, trail, ctx);
            return rv is null || WalkPath(PatchOverrides(rv, trail, ctx), path, i, env, ctx, k);
        }

        if (i == path.Length)
        {
            var full = NodeValue(node, baseVal, trail, ctx);
            return full is null || k(full);
        }

        var p = path[i];
        Value? key = p switch
        {
            ScalarTerm s => s.Value,
            VarTerm v => env.Get(v.Name),
            _ => HasUnbound(p, env) || p is RefTerm || p is CallTerm ? null : TryConst(p, env, ctx),
        };
        if (key is StringValue ks)
        {
            node.Children.TryGetValue(ks.Value, out var child);
            var childBase = baseVal is ObjectValue bo ? bo.Get(key) : null;
            if (child is null && childBase is null && !HasDeeperOverride(trail, ks.Value, ctx))
            {
                return true;
            }

            trail.Add(ks.Value);
            var r = EvalData(path, i + 1, child, childBase, trail, env, ctx, k);
            trail.RemoveAt(trail.Count - 1);
            return r;
        }

        if (key is not null)
        {
            var childBase = baseVal is null ? null : Lookup(baseVal, key);
            return childBase is null || WalkPath(childBase, path, i + 1, env, ctx, k);
        }

        if (p is not VarTerm && !HasUnbound(p, env))
        {
            // Computed key: evaluate it, then continue as if it had been written literally.
            return EvalTerm(p, env, ctx, kv =>
            {
                var rest = path.ToArray();
                rest[i] = new ScalarTerm(p.Loc, kv);
                return EvalData(rest, i, node, baseVal, trail, env, ctx, k);
            });
        }

        var whole = NodeValue(node, baseVal, trail, ctx);
        return whole is null || WalkPath(whole, path, i, env, ctx, k);
    }

    private static bool HasOverrideBelow(List<string> trail, EvalContext ctx) =>
        ctx.DataOverrides!.Any(o => o.Path.Length > trail.Count && o.Path.AsSpan(0, trail.Count).SequenceEqual(trail.ToArray()));

    /// <summary>A rule node's value; ref-head rules below it (<c>obj.sub[x]</c> next to <c>obj[x]</c>) are merged in.</summary>
    private Value? RuleNodeWithChildren(RuleNode node, List<string> trail, EvalContext ctx)
    {
        var rv = EvalRuleNode(node, ctx);
        if (node.Children.Count == 0 || rv is not ObjectValue ro)
        {
            return rv;
        }

        var d = new Dictionary<Value, Value>(ro.Items);
        foreach (var (name, child) in node.Children)
        {
            trail.Add(name);
            var cv = NodeValue(child, null, trail, ctx);
            trail.RemoveAt(trail.Count - 1);
            if (cv is not null)
            {
                var key = new StringValue(name);
                d[key] = d.TryGetValue(key, out var existing) && existing is ObjectValue eo && cv is ObjectValue co ? Builtins.ObjectBuiltins.Union(eo, co) : cv;
            }
        }

        return new ObjectValue(d);
    }

    private Value? TryConst(Term t, Env env, EvalContext ctx)
    {
        Value? result = null;
        EvalTerm(t, env, ctx, v =>
        {
            result = v;
            return false;
        });
        return result;
    }

    private static bool HasDeeperOverride(List<string> trail, string next, EvalContext ctx)
    {
        if (ctx.DataOverrides is null)
        {
            return false;
        }

        foreach (var (opath, _) in ctx.DataOverrides)
        {
            if (opath.Length > trail.Count && opath[trail.Count] == next && opath.AsSpan(0, trail.Count).SequenceEqual(trail.ToArray()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Applies overrides that lie strictly below <paramref name="trail"/> to a materialised value.</summary>
    private static Value PatchOverrides(Value v, List<string> trail, EvalContext ctx)
    {
        if (ctx.DataOverrides is null)
        {
            return v;
        }

        foreach (var (opath, oval) in ctx.DataOverrides)
        {
            if (opath.Length > trail.Count && opath.AsSpan(0, trail.Count).SequenceEqual(trail.ToArray()))
            {
                v = SetAtPath(v, opath.AsSpan(trail.Count).ToArray(), oval);
            }
        }

        return v;
    }

    /// <summary>Returns a copy of <paramref name="v"/> with <paramref name="value"/> stored at the string path.</summary>
    internal static Value SetAtPath(Value? v, string[] path, Value value)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var d = v is ObjectValue o ? new Dictionary<Value, Value>(o.Items) : [];
        var key = new StringValue(path[0]);
        d.TryGetValue(key, out var child);
        d[key] = SetAtPath(child, path[1..], value);
        return new ObjectValue(d);
    }

    /// <summary>The full value of a tree node: base data merged with every rule below it (functions excluded).</summary>
    private Value? NodeValue(RuleNode node, Value? baseVal, List<string> trail, EvalContext ctx)
    {
        if (node.IsFunction)
        {
            // Zero-argument functions show up in their package's extent with their value, as in OPA.
            var arity = (node.Functions.FirstOrDefault() ?? node.DefaultFunction)!.Args!.Length;
            return arity == 0 ? CallFunction(node, [], ctx, node.Functions.FirstOrDefault()?.Loc ?? default) : null;
        }

        if (node.HasRules)
        {
            var rv = RuleNodeWithChildren(node, trail, ctx);
            return rv is null ? null : PatchOverrides(rv, trail, ctx);
        }

        var d = baseVal is ObjectValue bo ? new Dictionary<Value, Value>(bo.Items) : [];
        foreach (var (name, child) in node.Children)
        {
            var key = new StringValue(name);
            var childBase = d.TryGetValue(key, out var b) ? b : null;
            trail.Add(name);
            var cv = NodeValue(child, childBase, trail, ctx);
            trail.RemoveAt(trail.Count - 1);
            if (cv is not null)
            {
                d[key] = cv;
            }
            else
            {
                d.Remove(key);
            }
        }

        if (baseVal is not null and not ObjectValue && node.Children.Count == 0)
        {
            return PatchOverrides(baseVal, trail, ctx);
        }

        return PatchOverrides(new ObjectValue(d), trail, ctx);
    }

    /// <summary>Evaluates the rules of a node (cached per context): complete value, set, or object.</summary>
    private Value? EvalRuleNode(RuleNode node, EvalContext ctx)
    {
        if (ctx.RuleCache.TryGetValue(node, out var cached))
        {
            return cached;
        }

        var loc = (node.Rules.FirstOrDefault() ?? node.Default)!.Loc;
        if (!ctx.InProgress.Add(node))
        {
            throw Err("rego_recursion_error", $"rule {node.DisplayPath} is recursive", loc);
        }

        Enter(loc);
        try
        {
            var value = ComputeRuleNode(node, ctx);
            ctx.RuleCache[node] = value;
            return value;
        }
        finally
        {
            _depth--;
            ctx.InProgress.Remove(node);
        }
    }

    private Value? ComputeRuleNode(RuleNode node, EvalContext ctx)
    {
        var first = node.Rules.FirstOrDefault();
        if (first is { Kind: RuleKind.MultiValue, Rest.Length: 0 })
        {
            var set = new HashSet<Value>();
            foreach (var rule in node.Rules)
            {
                var env = new Env();
                EvalBody(rule.Body, 0, env, ctx, () => EvalTerm(rule.Key!, env, ctx, v =>
                {
                    set.Add(v);
                    return true;
                }));
            }

            return new SetValue(set);
        }

        if (first is not null && first.Rest.Length > 0)
        {
            return BuildPartialObject(node, ctx);
        }

        Value? result = null;
        foreach (var rule in node.Rules)
        {
            EvalChain(rule, null, ctx, Accept);
        }

        if (result is null && node.Default is not null)
        {
            var env = new Env();
            EvalTerm(node.Default.Value!, env, ctx, v =>
            {
                result = v;
                return false;
            });
        }

        return result;

        void Accept(Value v, Rule r)
        {
            if (result is not null && !result.Equals(v))
            {
                throw Err("eval_conflict_error", $"complete rules must not produce multiple outputs", r.Loc);
            }

            result = v;
        }
    }

    /// <summary>
    /// Evaluates a rule and its <c>else</c> chain: the first link whose body succeeds reports every value it produces
    /// to <paramref name="accept"/>; later links are skipped. Function links first bind their parameters to <paramref name="args"/>.
    /// </summary>
    private void EvalChain(Rule rule, Value[]? args, EvalContext ctx, Action<Value, Rule> accept)
    {
        for (var link = rule; link is not null; link = link.Else)
        {
            var produced = false;
            var env = new Env();
            var current = link;
            Func<bool> body = () => EvalBody(current.Body, 0, env, ctx, () =>
            {
                if (current.Value is null)
                {
                    produced = true;
                    accept(BoolValue.True, current);
                    return true;
                }

                return EvalTerm(current.Value, env, ctx, v =>
                {
                    produced = true;
                    accept(v, current);
                    return true;
                });
            });
            if (args is null)
            {
                body();
            }
            else
            {
                BindArgs(current.Args!, args, 0, env, ctx, body);
            }

            if (produced)
            {
                return;
            }
        }
    }

    /// <summary>Builds the object of ref-head rules with variable keys (<c>p[k] := v</c>, <c>p[x].y := z</c>).</summary>
    private ObjectValue BuildPartialObject(RuleNode node, EvalContext ctx)
    {
        var root = new Dictionary<Value, object>();
        foreach (var rule in node.Rules)
        {
            var env = new Env();
            EvalBody(rule.Body, 0, env, ctx, () => EvalItems(rule.Rest, 0, new Value[rule.Rest.Length], env, ctx, keys =>
            {
                if (rule.Kind == RuleKind.MultiValue)
                {
                    return EvalTerm(rule.Key!, env, ctx, v =>
                    {
                        InsertSet(root, keys, v, rule);
                        return true;
                    });
                }

                if (rule.Value is null)
                {
                    Insert(root, keys, BoolValue.True, rule);
                    return true;
                }

                return EvalTerm(rule.Value, env, ctx, v =>
                {
                    Insert(root, keys, v, rule);
                    return true;
                });
            }));
        }

        return (ObjectValue)Freeze(root);
    }

    private static void Insert(Dictionary<Value, object> root, Value[] keys, Value v, Rule rule)
    {
        var d = root;
        for (var i = 0; i < keys.Length - 1; i++)
        {
            if (!d.TryGetValue(keys[i], out var next))
            {
                next = new Dictionary<Value, object>();
                d[keys[i]] = next;
            }

            if (next is not Dictionary<Value, object> nd)
            {
                throw new RegoException("eval_conflict_error", "object keys must be unique", rule.Loc.File, rule.Loc.Line, rule.Loc.Column);
            }

            d = nd;
        }

        var last = keys[^1];
        if (d.TryGetValue(last, out var existing))
        {
            if (existing is not Value ev || !ev.Equals(v))
            {
                throw new RegoException("eval_conflict_error", "object keys must be unique", rule.Loc.File, rule.Loc.Line, rule.Loc.Column);
            }

            return;
        }

        d[last] = v;
    }

    private static void InsertSet(Dictionary<Value, object> root, Value[] keys, Value v, Rule rule)
    {
        var d = root;
        for (var i = 0; i < keys.Length - 1; i++)
        {
            if (!d.TryGetValue(keys[i], out var next))
            {
                next = new Dictionary<Value, object>();
                d[keys[i]] = next;
            }

            d = next as Dictionary<Value, object> ?? throw new RegoException("eval_conflict_error", "object keys must be unique", rule.Loc.File, rule.Loc.Line, rule.Loc.Column);
        }

        if (!d.TryGetValue(keys[^1], out var s))
        {
            s = new HashSet<Value>();
            d[keys[^1]] = s;
        }

        ((HashSet<Value>)s).Add(v);
    }

    private static Value Freeze(object o) => o switch
    {
        Value v => v,
        HashSet<Value> s => new SetValue(s),
        Dictionary<Value, object> d => new ObjectValue(d.ToDictionary(p => p.Key, p => Freeze(p.Value))),
        _ => throw new InvalidOperationException(),
    };
}
