using Cilock.Rego.Ast;

namespace Cilock.Rego.Compilation;

/// <summary>Variable analysis and safety reordering (OPA moves literals so variables are bound before use).</summary>
internal sealed partial class Compiler
{
    /// <summary>Visits every variable of a term, including those inside comprehensions.</summary>
    internal static void VisitTermVars(Term t, Action<VarTerm> f) => VisitTerms(t, x =>
    {
        if (x is VarTerm v)
        {
            f(v);
        }
    });

    /// <summary>Visits a term and its sub-terms (comprehension bodies included).</summary>
    internal static void VisitTerms(Term t, Action<Term> f)
    {
        f(t);
        switch (t)
        {
            case RefTerm r:
                VisitTerms(r.Head, f);
                foreach (var p in r.Path)
                {
                    VisitTerms(p, f);
                }

                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    VisitTerms(x, f);
                }

                break;
            case SetTerm s:
                foreach (var x in s.Items)
                {
                    VisitTerms(x, f);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Items)
                {
                    VisitTerms(k, f);
                    VisitTerms(v, f);
                }

                break;
            case CallTerm c:
                foreach (var x in c.Args)
                {
                    VisitTerms(x, f);
                }

                break;
            case ComprehensionTerm c:
                VisitTerms(c.Head, f);
                if (c.Value is not null)
                {
                    VisitTerms(c.Value, f);
                }

                foreach (var lit in c.Body)
                {
                    VisitLiteralTermsDeep(lit, f);
                }

                break;
        }
    }

    /// <summary>Visits the top-level terms of a literal (not descending).</summary>
    internal static void VisitLiteralTerms(Literal lit, Action<Term> f)
    {
        switch (lit)
        {
            case ExprLiteral e:
                f(e.Left);
                if (e.Right is not null)
                {
                    f(e.Right);
                }

                break;
            case SomeInLiteral s:
                if (s.Key is not null)
                {
                    f(s.Key);
                }

                f(s.Value);
                f(s.Collection);
                break;
            case EveryLiteral ev:
                if (ev.Key is not null)
                {
                    f(ev.Key);
                }

                f(ev.Value);
                f(ev.Domain);
                break;
            case SomeDeclLiteral sd:
                foreach (var v in sd.Vars)
                {
                    f(v);
                }

                break;
        }

        foreach (var w in lit.Withs)
        {
            f(w.Value);
        }
    }

    internal static void VisitLiteralTermsDeep(Literal lit, Action<Term> f)
    {
        VisitLiteralTerms(lit, t => VisitTerms(t, f));
        if (lit is EveryLiteral ev)
        {
            foreach (var l in ev.Body)
            {
                VisitLiteralTermsDeep(l, f);
            }
        }
    }

    internal static void VisitVars(Literal lit, Action<VarTerm> f) => VisitLiteralTermsDeep(lit, t =>
    {
        if (t is VarTerm v)
        {
            f(v);
        }
    });

    /// <summary>Variable usage of one literal: what must be bound first, what it binds.</summary>
    private sealed class Usage
    {
        public HashSet<string> Needs { get; } = new(StringComparer.Ordinal);

        /// <summary>Variables bound by evaluation itself (ref paths, call outputs, `some x in`).</summary>
        public HashSet<string> Generated { get; } = new(StringComparer.Ordinal);

        /// <summary>Bare pattern variables on each side of `=` (bound from the other side).</summary>
        public HashSet<string> LeftPattern { get; } = new(StringComparer.Ordinal);

        public HashSet<string> RightPattern { get; } = new(StringComparer.Ordinal);

        public bool StructuralBothSides { get; set; }

        public List<ComprehensionTerm> Closures { get; } = [];
    }

    private static bool IsLocal(string name) => name is not ("input" or "data");

    private static void Collect(Term t, bool pattern, Usage u, HashSet<string> patternSet, HashSet<string> outerVars)
    {
        switch (t)
        {
            case VarTerm v:
                if (!IsLocal(v.Name))
                {
                    return;
                }

                if (pattern)
                {
                    patternSet.Add(v.Name);
                }
                else
                {
                    u.Needs.Add(v.Name);
                }

                break;
            case RefTerm r:
                if (r.Head is VarTerm hv)
                {
                    if (IsLocal(hv.Name))
                    {
                        u.Needs.Add(hv.Name);
                    }
                }
                else
                {
                    Collect(r.Head, false, u, patternSet, outerVars);
                }

                foreach (var p in r.Path)
                {
                    Collect(p, true, u, u.Generated, outerVars);
                }

                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    Collect(x, pattern, u, patternSet, outerVars);
                }

                break;
            case SetTerm s:
                foreach (var x in s.Items)
                {
                    Collect(x, false, u, patternSet, outerVars);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Items)
                {
                    Collect(k, false, u, patternSet, outerVars);
                    Collect(v, pattern, u, patternSet, outerVars);
                }

                break;
            case CallTerm c:
                for (var i = 0; i < c.Args.Length; i++)
                {
                    var isOutput = c.OutputArg && i == c.Args.Length - 1;
                    Collect(c.Args[i], isOutput, u, isOutput ? u.Generated : patternSet, outerVars);
                }

                break;
            case ComprehensionTerm ct:
                u.Closures.Add(ct);
                var inner = new HashSet<string>(StringComparer.Ordinal);
                VisitTermVars(ct, v => inner.Add(v.Name));
                inner.IntersectWith(outerVars);
                u.Needs.UnionWith(inner.Where(IsLocal));
                break;
        }
    }

    private static Usage Analyze(Literal lit, HashSet<string> outerVars)
    {
        var u = new Usage();
        switch (lit)
        {
            case ExprLiteral e:
                switch (e.Kind)
                {
                    case ExprKind.Term:
                        Collect(e.Left, false, u, u.Needs, outerVars);
                        break;
                    case ExprKind.Assign:
                        Collect(e.Left, true, u, u.LeftPattern, outerVars);
                        Collect(e.Right!, false, u, u.Needs, outerVars);
                        u.Generated.UnionWith(u.LeftPattern);
                        u.LeftPattern.Clear();
                        break;
                    default:
                        Collect(e.Left, true, u, u.LeftPattern, outerVars);
                        Collect(e.Right!, true, u, u.RightPattern, outerVars);
                        u.StructuralBothSides = e.Left is ArrayTerm or ObjectTerm && e.Right is ArrayTerm or ObjectTerm;
                        break;
                }

                if (e.Negated)
                {
                    foreach (var x in u.Generated.Concat(u.LeftPattern).Concat(u.RightPattern))
                    {
                        if (!x.StartsWith('$'))
                        {
                            u.Needs.Add(x);
                        }
                    }

                    u.Generated.Clear();
                    u.LeftPattern.Clear();
                    u.RightPattern.Clear();
                }

                break;
            case SomeInLiteral s:
                Collect(s.Collection, false, u, u.Needs, outerVars);
                if (s.Key is not null)
                {
                    Collect(s.Key, true, u, u.Generated, outerVars);
                }

                Collect(s.Value, true, u, u.Generated, outerVars);
                break;
            case EveryLiteral ev:
            {
                Collect(ev.Domain, false, u, u.Needs, outerVars);
                var locals = new HashSet<string>(StringComparer.Ordinal);
                if (ev.Key is not null)
                {
                    VisitTermVars(ev.Key, v => locals.Add(v.Name));
                }

                VisitTermVars(ev.Value, v => locals.Add(v.Name));
                foreach (var l in ev.Body)
                {
                    VisitVars(l, v =>
                    {
                        if (!locals.Contains(v.Name) && outerVars.Contains(v.Name) && IsLocal(v.Name))
                        {
                            u.Needs.Add(v.Name);
                        }
                    });
                }

                u.Generated.Clear();
                break;
            }
        }

        foreach (var w in lit.Withs)
        {
            Collect(w.Value, false, u, u.Needs, outerVars);
        }

        return u;
    }

    /// <summary>
    /// Reorders a body so every literal's inputs are bound before it runs; throws rego_unsafe_var_error otherwise.
    /// <paramref name="bound"/> is updated with the variables bound by the body.
    /// </summary>
    private Literal[] Reorder(Literal[] body, HashSet<string> bound, HashSet<string> enclosing, string file)
    {
        // Variables visible outside each nested comprehension: everything at this level plus enclosing scopes.
        var levelVars = new HashSet<string>(enclosing, StringComparer.Ordinal);
        foreach (var lit in body)
        {
            VisitLiteralTerms(lit, t => CollectLevelVars(t, levelVars));
            if (lit is EveryLiteral ev)
            {
                CollectLevelVars(ev.Domain, levelVars);
            }
        }

        levelVars.UnionWith(bound);
        var pending = body.Select(l => (Lit: l, Use: Analyze(l, levelVars))).ToList();
        var result = new List<Literal>(body.Length);
        while (pending.Count > 0)
        {
            var idx = pending.FindIndex(p => Ready(p.Use, bound));
            if (idx < 0)
            {
                var (lit, use) = pending[0];
                var name = use.Needs.FirstOrDefault(n => !bound.Contains(n))
                    ?? use.LeftPattern.Concat(use.RightPattern).First(n => !bound.Contains(n));
                VarTerm? at = null;
                VisitVars(lit, v => at ??= v.Name == name ? v : null);
                var loc = at?.Loc ?? lit.Loc;
                throw Err("rego_unsafe_var_error", $"var {DisplayName(name)} is unsafe", loc);
            }

            var chosen = pending[idx];
            pending.RemoveAt(idx);
            foreach (var c in chosen.Use.Closures)
            {
                c.Body = Reorder(c.Body, [.. bound], levelVars, file);
            }

            if (chosen.Lit is EveryLiteral ev)
            {
                var inner = new HashSet<string>(bound, StringComparer.Ordinal);
                if (ev.Key is not null)
                {
                    VisitTermVars(ev.Key, v => inner.Add(v.Name));
                }

                VisitTermVars(ev.Value, v => inner.Add(v.Name));
                ev.Body = Reorder(ev.Body, inner, levelVars, file);
            }

            if (chosen.Lit is ExprLiteral { Negated: true } neg)
            {
                foreach (var c in ClosuresOf(neg))
                {
                    c.Body = Reorder(c.Body, [.. bound], levelVars, file);
                }
            }

            bound.UnionWith(chosen.Use.Generated);
            bound.UnionWith(chosen.Use.LeftPattern);
            bound.UnionWith(chosen.Use.RightPattern);
            result.Add(chosen.Lit);
        }

        return [.. result];
    }

    private static IEnumerable<ComprehensionTerm> ClosuresOf(ExprLiteral e)
    {
        var list = new List<ComprehensionTerm>();
        VisitLiteralTerms(e, t => VisitTopComprehensions(t, list));
        return list.Distinct();
    }

    private static void VisitTopComprehensions(Term t, List<ComprehensionTerm> list)
    {
        if (t is ComprehensionTerm comp)
        {
            list.Add(comp);
            return;
        }

        switch (t)
        {
            case RefTerm r:
                VisitTopComprehensions(r.Head, list);
                foreach (var p in r.Path)
                {
                    VisitTopComprehensions(p, list);
                }

                break;
            case ArrayTerm a:
                a.Items.ToList().ForEach(x => VisitTopComprehensions(x, list));
                break;
            case SetTerm s:
                s.Items.ToList().ForEach(x => VisitTopComprehensions(x, list));
                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Items)
                {
                    VisitTopComprehensions(k, list);
                    VisitTopComprehensions(v, list);
                }

                break;
            case CallTerm c:
                c.Args.ToList().ForEach(x => VisitTopComprehensions(x, list));
                break;
        }
    }

    private static void CollectLevelVars(Term t, HashSet<string> set)
    {
        switch (t)
        {
            case VarTerm v:
                set.Add(v.Name);
                break;
            case ComprehensionTerm:
                break;
            case RefTerm r:
                CollectLevelVars(r.Head, set);
                foreach (var p in r.Path)
                {
                    CollectLevelVars(p, set);
                }

                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    CollectLevelVars(x, set);
                }

                break;
            case SetTerm s:
                foreach (var x in s.Items)
                {
                    CollectLevelVars(x, set);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Items)
                {
                    CollectLevelVars(k, set);
                    CollectLevelVars(v, set);
                }

                break;
            case CallTerm c:
                foreach (var x in c.Args)
                {
                    CollectLevelVars(x, set);
                }

                break;
        }
    }

    private static bool Ready(Usage u, HashSet<string> bound)
    {
        foreach (var n in u.Needs)
        {
            if (!bound.Contains(n))
            {
                return false;
            }
        }

        if (u.LeftPattern.Count == 0 && u.RightPattern.Count == 0)
        {
            return true;
        }

        return u.StructuralBothSides || u.LeftPattern.All(bound.Contains) || u.RightPattern.All(bound.Contains);
    }
}
