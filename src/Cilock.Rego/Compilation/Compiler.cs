using Cilock.Rego.Ast;
using Cilock.Rego.Builtins;
using Cilock.Rego.Parsing;
using Cilock.Rego.Values;

namespace Cilock.Rego.Compilation;

/// <summary>
/// Compiles parsed modules: builds the rule tree, resolves names (rules, imports, built-ins), reorders bodies for
/// safety, and rejects unsafe variables, undefined functions and recursion.
/// </summary>
internal sealed partial class Compiler
{
    private readonly RegoCompileOptions _options;
    private readonly RuleNode _root = new([]);
    private readonly List<Module> _modules = [];

    private Compiler(RegoCompileOptions options) => _options = options;

    public static CompiledProgram Compile(IEnumerable<RegoModule> modules, Value data, RegoCompileOptions options)
    {
        var c = new Compiler(options);
        foreach (var m in modules)
        {
            c._modules.Add(Parser.ParseModule(m.Source, m.FileName, options.Syntax));
        }

        c.BuildTree();
        foreach (var m in c._modules)
        {
            c.ResolveModule(m);
        }

        c.CheckRecursion();
        return new CompiledProgram(c._root, c._modules, data, options);
    }

    /// <summary>Compiles an ad-hoc query against a program.</summary>
    public static Literal[] CompileQuery(CompiledProgram program, string query, out List<string> queryVars)
    {
        var body = Parser.ParseQuery(query);
        for (var i = 0; i < body.Length; i++)
        {
            body[i].Index = i;
        }

        var c = new Compiler(program.Options);
        c._root.Children.Clear();
        foreach (var (k, v) in program.Root.Children)
        {
            c._root.Children[k] = v;
        }

        var scope = new Scope(new Dictionary<string, string[]>(), program.Root, "query") { Rename = false };
        var declared = new HashSet<string>(StringComparer.Ordinal);
        CollectDeclared(body, declared);
        scope.Locals.UnionWith(declared);
        c.ResolveBody(body, scope);
        var bound = new HashSet<string>(StringComparer.Ordinal);
        body = c.Reorder(body, bound, [], "query");
        var names = new List<string>();
        foreach (var lit in body.OrderBy(l => l.Index))
        {
            VisitVars(lit, v =>
            {
                if (!v.IsWildcard && !names.Contains(v.Name) && v.Name is not ("input" or "data"))
                {
                    names.Add(v.Name);
                }
            });
        }

        queryVars = names;
        return body;
    }

    private static RegoException Err(string code, string msg, Location loc) => new(code, msg, loc.File, loc.Line, loc.Column);

    private void BuildTree()
    {
        foreach (var m in _modules)
        {
            var pkgNode = _root;
            foreach (var p in m.Package)
            {
                pkgNode = pkgNode.GetOrAdd(p);
            }

            foreach (var rule in m.Rules)
            {
                var prefix = new List<string>(m.Package);
                var i = 0;
                for (; i < rule.Path.Length; i++)
                {
                    if (rule.Path[i] is ScalarTerm { Value: StringValue s })
                    {
                        prefix.Add(s.Value);
                    }
                    else
                    {
                        break;
                    }
                }

                rule.Rest = rule.Path[i..];
                if (rule.Kind == RuleKind.Function && rule.Rest.Length > 0)
                {
                    throw Err("rego_parse_error", "function names must be plain references", rule.Loc);
                }

                rule.NodePath = [.. prefix];
                for (var e = rule.Else; e is not null; e = e.Else)
                {
                    e.NodePath = rule.NodePath;
                    e.Rest = rule.Rest;
                }

                var node = _root.Find(rule.NodePath) ?? AddPath(rule.NodePath);
                if (rule.IsDefault)
                {
                    if (rule.Args is not null)
                    {
                        if (node.DefaultFunction is not null)
                        {
                            throw Err("rego_type_error", "multiple default rules " + node.DisplayPath + " found", rule.Loc);
                        }

                        node.DefaultFunction = rule;
                        rule.Kind = RuleKind.Function;
                        continue;
                    }

                    if (node.Default is not null)
                    {
                        throw Err("rego_type_error", "multiple default rules " + node.DisplayPath + " found", rule.Loc);
                    }

                    if (rule.Rest.Length > 0)
                    {
                        throw Err("rego_type_error", "default rules must have a ground reference as head", rule.Loc);
                    }

                    node.Default = rule;
                }
                else if (rule.Kind == RuleKind.Function)
                {
                    node.Functions.Add(rule);
                }
                else
                {
                    node.Rules.Add(rule);
                }
            }
        }

        foreach (var node in _root.Descendants())
        {
            var complete = node.Rules.Any(r => r.Kind == RuleKind.SingleValue && r.Rest.Length == 0);
            var multi = node.Rules.Any(r => r.Kind == RuleKind.MultiValue);
            var partial = node.Rules.Any(r => r.Kind == RuleKind.SingleValue && r.Rest.Length > 0);
            if ((complete ? 1 : 0) + (multi ? 1 : 0) + (partial ? 1 : 0) > 1 || (node.HasRules && node.IsFunction))
            {
                throw Err("rego_type_error", "conflicting rules " + node.DisplayPath + " found", (node.Rules.FirstOrDefault() ?? node.Functions[0]).Loc);
            }

            if (node.Functions.Count > 0 && node.Functions.Select(f => f.Args!.Length).Distinct().Count() > 1)
            {
                throw Err("rego_type_error", "conflicting rules " + node.DisplayPath + " found", node.Functions[0].Loc);
            }
        }
    }

    private RuleNode AddPath(string[] path)
    {
        var n = _root;
        foreach (var p in path)
        {
            n = n.GetOrAdd(p);
        }

        return n;
    }

    /// <summary>Name resolution scope of one rule or query.</summary>
    private sealed class Scope(Dictionary<string, string[]> globals, RuleNode root, string file)
    {
        public Dictionary<string, string[]> Globals { get; } = globals;

        public HashSet<string> Locals { get; private init; } = new(StringComparer.Ordinal);

        public RuleNode Root { get; } = root;

        public string File { get; } = file;

        /// <summary>Variables declared with <c>:=</c>/<c>some</c> get fresh names from their declaration on (OPA scoping).</summary>
        public Dictionary<string, string> Renames { get; private init; } = new(StringComparer.Ordinal);

        public bool Rename { get; init; } = true;

        /// <summary>Names assigned with <c>:=</c> (or bound as function parameters) in this scope.</summary>
        public HashSet<string> AssignedHere { get; } = new(StringComparer.Ordinal);

        /// <summary>Names referenced so far in this scope (not inside nested comprehensions).</summary>
        public HashSet<string> ReferencedHere { get; } = new(StringComparer.Ordinal);

        public Scope Nested() => new(Globals, Root, File) { Locals = Locals, Renames = new(Renames, StringComparer.Ordinal), Rename = true };
    }

    private int _fresh;

    private void Declare(Term pattern, Scope scope)
    {
        if (!scope.Rename)
        {
            return;
        }

        VisitTermVars(pattern, v =>
        {
            if (!v.IsWildcard && v.Name is not ("input" or "data"))
            {
                var baseName = v.Name.Split('\'')[0];
                var fresh = baseName + "'" + (++_fresh).ToString(System.Globalization.CultureInfo.InvariantCulture);
                scope.Renames[v.Name] = fresh;
                scope.Locals.Add(fresh);
            }
        });
    }

    private void ResolveModule(Module m)
    {
        var globals = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var imp in m.Imports)
        {
            if (imp.Path[0] is "data" or "input")
            {
                globals[imp.Alias] = imp.Path;
            }
        }

        // Rules of the same package (from any module) shadow imports.
        var pkgNode = _root.Find(m.Package)!;
        foreach (var name in pkgNode.Children.Keys)
        {
            globals[name] = ["data", .. m.Package, name];
        }

        foreach (var rule in m.Rules)
        {
            for (var r = rule; r is not null; r = r.Else)
            {
                ResolveRule(r, globals);
            }
        }
    }

    private void ResolveRule(Rule rule, Dictionary<string, string[]> globals)
    {
        var scope = new Scope(globals, _root, rule.Module.File);
        var declared = scope.Locals;
        if (rule.Args is not null)
        {
            foreach (var a in rule.Args)
            {
                VisitTermVars(a, v => declared.Add(v.Name));
            }
        }

        CollectDeclared(rule.Body, declared);

        // Head variables (ref-head keys, set keys, values) that are not globals are locals bound by the body.
        void DeclareHead(Term? t)
        {
            if (t is not null)
            {
                VisitTermVars(t, v =>
                {
                    if (!globals.ContainsKey(v.Name) && v.Name is not ("input" or "data"))
                    {
                        declared.Add(v.Name);
                    }
                });
            }
        }

        foreach (var p in rule.Rest)
        {
            DeclareHead(p);
        }

        DeclareHead(rule.Key);
        if (rule.Args is not null)
        {
            for (var i = 0; i < rule.Args.Length; i++)
            {
                rule.Args[i] = ResolveTerm(rule.Args[i], scope);
                VisitTermVars(rule.Args[i], v => scope.AssignedHere.Add(v.Name));
            }

            scope.ReferencedHere.Clear();
        }

        ResolveBody(rule.Body, scope);
        for (var i = 0; i < rule.Rest.Length; i++)
        {
            rule.Rest[i] = ResolveTerm(rule.Rest[i], scope);
        }

        if (rule.Key is not null)
        {
            rule.Key = ResolveTerm(rule.Key, scope);
        }

        if (rule.Value is not null)
        {
            rule.Value = ResolveTerm(rule.Value, scope);
        }

        var bound = new HashSet<string>(StringComparer.Ordinal);
        if (rule.Args is not null)
        {
            foreach (var a in rule.Args)
            {
                VisitTermVars(a, v => bound.Add(v.Name));
            }
        }

        rule.Body = Reorder(rule.Body, bound, [], rule.Module.File);
        var headTerms = rule.Rest.Append(rule.Key).Append(rule.Value).Where(t => t is not null);
        foreach (var t in headTerms)
        {
            var use = new Usage();
            Collect(t!, false, use, use.Needs, bound);
            foreach (var name in use.Needs)
            {
                if (!bound.Contains(name))
                {
                    VarTerm? at = null;
                    VisitTermVars(t!, v => at ??= v.Name == name ? v : null);
                    throw Err("rego_unsafe_var_error", $"var {DisplayName(name)} is unsafe", at?.Loc ?? t!.Loc);
                }
            }

            CheckComprehensions(t!, bound);
        }
    }

    private void CheckComprehensions(Term t, HashSet<string> bound)
    {
        VisitTerms(t, x =>
        {
            if (x is ComprehensionTerm c)
            {
                c.Body = Reorder(c.Body, [.. bound], [], c.Loc.File);
            }
        });
    }

    internal static string DisplayName(string name) => name.StartsWith('$') ? "_" : name.Split('\'')[0];

    private static void CollectDeclared(Literal[] body, HashSet<string> declared)
    {
        foreach (var lit in body)
        {
            switch (lit)
            {
                case SomeDeclLiteral s:
                    foreach (var v in s.Vars)
                    {
                        declared.Add(v.Name);
                    }

                    break;
                case SomeInLiteral si:
                    if (si.Key is not null)
                    {
                        VisitTermVars(si.Key, v => declared.Add(v.Name));
                    }

                    VisitTermVars(si.Value, v => declared.Add(v.Name));
                    break;
                case EveryLiteral ev:
                    if (ev.Key is not null)
                    {
                        VisitTermVars(ev.Key, v => declared.Add(v.Name));
                    }

                    VisitTermVars(ev.Value, v => declared.Add(v.Name));
                    CollectDeclared(ev.Body, declared);
                    break;
                case ExprLiteral { Kind: ExprKind.Assign } a:
                    VisitTermVars(a.Left, v => declared.Add(v.Name));
                    break;
            }

            VisitLiteralTerms(lit, t =>
            {
                if (t is ComprehensionTerm c)
                {
                    CollectDeclared(c.Body, declared);
                }
            });
        }
    }

    private void ResolveBody(Literal[] body, Scope scope)
    {
        foreach (var lit in body)
        {
            switch (lit)
            {
                case ExprLiteral e:
                    if (e.Kind == ExprKind.Assign)
                    {
                        e.Right = ResolveTerm(e.Right!, scope);
                        VisitTermVars(e.Left, v =>
                        {
                            if (v.Name is "input" or "data")
                            {
                                throw Err("rego_compile_error", $"cannot assign to {v.Name}", v.Loc);
                            }
                        });
                        if (e.Left is RefTerm)
                        {
                            throw Err("rego_parse_error", "cannot assign to ref", e.Loc);
                        }

                        CheckRedeclaration(e.Left, scope);
                        Declare(e.Left, scope);
                        e.Left = ResolveTerm(e.Left, scope);
                    }
                    else
                    {
                        e.Left = ResolveTerm(e.Left, scope);
                        if (e.Right is not null)
                        {
                            e.Right = ResolveTerm(e.Right, scope);
                        }
                    }

                    break;
                case SomeDeclLiteral sd:
                    foreach (var v in sd.Vars)
                    {
                        Declare(v, scope);
                        if (scope.Renames.TryGetValue(v.Name, out var renamed))
                        {
                            v.Name = renamed;
                        }
                    }

                    break;
                case SomeInLiteral si:
                    ReplaceSomeIn(si, scope);
                    break;
                case EveryLiteral ev:
                    ResolveEvery(ev, scope);
                    break;
            }

            foreach (var w in lit.Withs)
            {
                ResolveWith(w, scope);
            }
        }
    }

    /// <summary>OPA rejects <c>x := …</c> when x was already assigned or referenced earlier in the same body.</summary>
    private static void CheckRedeclaration(Term pattern, Scope scope)
    {
        if (!scope.Rename)
        {
            return;
        }

        VisitTermVars(pattern, v =>
        {
            if (v.IsWildcard)
            {
                return;
            }

            if (!scope.AssignedHere.Add(v.Name))
            {
                throw Err("rego_compile_error", $"var {v.Display} assigned above", v.Loc);
            }

            if (scope.ReferencedHere.Contains(v.Name))
            {
                throw Err("rego_compile_error", $"var {v.Display} referenced above", v.Loc);
            }
        });
    }

    private void ReplaceSomeIn(SomeInLiteral si, Scope scope)
    {
        var coll = ResolveTerm(si.Collection, scope);
        if (si.Key is not null)
        {
            Declare(si.Key, scope);
        }

        Declare(si.Value, scope);
        var key = si.Key is null ? null : ResolveTerm(si.Key, scope);
        var value = ResolveTerm(si.Value, scope);
        (si.Key, si.Value, si.Collection) = (key, value, coll);
    }

    private void ResolveEvery(EveryLiteral ev, Scope scope)
    {
        var dom = ResolveTerm(ev.Domain, scope);
        var inner = scope.Nested();
        if (ev.Key is not null)
        {
            Declare(ev.Key, inner);
        }

        Declare(ev.Value, inner);
        var key = ev.Key is null ? null : ResolveTerm(ev.Key, inner);
        var value = ResolveTerm(ev.Value, inner);
        (ev.Key, ev.Value, ev.Domain) = (key, value, dom);
        ResolveBody(ev.Body, inner);
    }

    private void ResolveWith(WithModifier w, Scope scope)
    {
        var name = NameOf(w.Target) ?? throw Err("rego_type_error", "with keyword target must reference existing input, data, or a function", w.Loc);
        if (name[0] is not ("input" or "data") && scope.Globals.TryGetValue(name[0], out var g))
        {
            name = [.. g, .. name[1..]];
        }

        if (name[0] == "input")
        {
            w.Kind = WithKind.Input;
            w.Path = name[1..];
        }
        else if (name[0] == "data")
        {
            w.Kind = WithKind.Data;
            w.Path = name[1..];
        }
        else
        {
            var b = BuiltinRegistry.Find(string.Join('.', name), _options.PolicyMode)
                ?? throw Err("rego_type_error", "with keyword target must reference existing input, data, or a function", w.Loc);
            w.Kind = WithKind.Builtin;
            w.Path = name;
            w.MockBuiltin = b;
        }

        // A replacement naming a built-in (e.g. `with count as sum`) is a function mock, not a variable.
        var valueName = NameOf(w.Value);
        if (valueName is not null && !scope.Locals.Contains(valueName[0]) && !scope.Globals.ContainsKey(valueName[0]) && valueName[0] is not ("input" or "data"))
        {
            var b = BuiltinRegistry.Find(string.Join('.', valueName), _options.PolicyMode);
            if (b is not null)
            {
                w.Value = new ScalarTerm(w.Value.Loc, new StringValue("$builtin:" + b.Name));
                return;
            }
        }

        w.Value = ResolveTerm(w.Value, scope);
    }

    private static string[]? NameOf(Term t) => t switch
    {
        VarTerm v => [v.Name],
        RefTerm { Head: VarTerm h } r when r.Path.All(p => p is ScalarTerm { Value: StringValue }) =>
            [h.Name, .. r.Path.Select(p => ((StringValue)((ScalarTerm)p).Value).Value)],
        _ => null,
    };

    private Term ResolveTerm(Term t, Scope scope)
    {
        switch (t)
        {
            case VarTerm v:
                scope.ReferencedHere.Add(v.Name);
                if (scope.Renames.TryGetValue(v.Name, out var renamed))
                {
                    return new VarTerm(v.Loc, renamed);
                }

                if (scope.Locals.Contains(v.Name) || v.IsWildcard || v.Name is "input" or "data")
                {
                    return v;
                }

                if (scope.Globals.TryGetValue(v.Name, out var path))
                {
                    return new RefTerm(v.Loc, new VarTerm(v.Loc, path[0]), [.. path[1..].Select(s => (Term)new ScalarTerm(v.Loc, new StringValue(s)))]);
                }

                return v;
            case RefTerm r:
            {
                for (var i = 0; i < r.Path.Length; i++)
                {
                    r.Path[i] = ResolveTerm(r.Path[i], scope);
                }

                var head = ResolveTerm(r.Head, scope);
                if (head is RefTerm hr)
                {
                    return new RefTerm(r.Loc, hr.Head, [.. hr.Path, .. r.Path]);
                }

                r.Head = head;
                return r;
            }

            case ArrayTerm a:
                for (var i = 0; i < a.Items.Length; i++)
                {
                    a.Items[i] = ResolveTerm(a.Items[i], scope);
                }

                return a;
            case SetTerm s:
                for (var i = 0; i < s.Items.Length; i++)
                {
                    s.Items[i] = ResolveTerm(s.Items[i], scope);
                }

                return s;
            case ObjectTerm o:
                for (var i = 0; i < o.Items.Length; i++)
                {
                    o.Items[i] = (ResolveTerm(o.Items[i].Key, scope), ResolveTerm(o.Items[i].Value, scope));
                }

                return o;
            case ComprehensionTerm c:
            {
                var inner = scope.Nested();
                ResolveBody(c.Body, inner);
                var h = ResolveTerm(c.Head, inner);
                var val = c.Value is null ? null : ResolveTerm(c.Value, inner);
                return new ComprehensionTerm(c.Loc, c.Kind, h, val, c.Body);
            }

            case CallTerm call:
                for (var i = 0; i < call.Args.Length; i++)
                {
                    call.Args[i] = ResolveTerm(call.Args[i], scope);
                }

                ResolveCall(call, scope);
                return call;
            default:
                return t;
        }
    }

    private void ResolveCall(CallTerm call, Scope scope)
    {
        var name = call.Name;
        string[]? dataPath = null;
        if (name[0] == "data")
        {
            dataPath = name[1..];
        }
        else if (!scope.Locals.Contains(name[0]) && scope.Globals.TryGetValue(name[0], out var g) && g[0] == "data")
        {
            dataPath = [.. g[1..], .. name[1..]];
        }

        if (dataPath is not null)
        {
            var node = _root.Find(dataPath);
            if (node is not null && node.IsFunction)
            {
                call.DataPath = dataPath;
                var arity = node.Functions.Count > 0 ? node.Functions[0].Args!.Length : node.DefaultFunction!.Args!.Length;
                if (call.Args.Length != arity && call.Args.Length != arity + 1)
                {
                    throw Err("rego_type_error", $"{call.DisplayName}: arity mismatch: expected {arity} arguments, got {call.Args.Length}", call.Loc);
                }

                call.OutputArg = call.Args.Length == arity + 1;
                return;
            }

            if (name[0] == "data" || BuiltinRegistry.Find(string.Join('.', name), _options.PolicyMode) is null)
            {
                throw Err("rego_type_error", "undefined function " + (name[0] == "data" ? string.Join('.', name) : "data." + string.Join('.', dataPath)), call.Loc);
            }
        }

        var b = BuiltinRegistry.Find(call.DisplayName, _options.PolicyMode)
            ?? throw Err("rego_type_error", "undefined function " + call.DisplayName, call.Loc);
        if (!b.Variadic && call.Args.Length != b.Arity && call.Args.Length != b.Arity + 1)
        {
            throw Err("rego_type_error", $"{b.Name}: arity mismatch: expected {b.Arity} arguments, got {call.Args.Length}", call.Loc);
        }

        call.Builtin = b;
        call.OutputArg = !b.Variadic && call.Args.Length == b.Arity + 1;
    }

    private void CheckRecursion()
    {
        var deps = new Dictionary<RuleNode, HashSet<RuleNode>>();
        foreach (var node in _root.Descendants())
        {
            if (!node.HasRules && !node.IsFunction)
            {
                continue;
            }

            var set = new HashSet<RuleNode>();
            foreach (var r in node.Rules.Concat(node.Functions).Append(node.Default).Append(node.DefaultFunction))
            {
                for (var x = r; x is not null; x = x.Else)
                {
                    var terms = x.Rest.Append(x.Key).Append(x.Value).Concat(x.Args ?? []);
                    foreach (var t in terms)
                    {
                        if (t is not null)
                        {
                            VisitTerms(t, y => AddDep(y, set));
                        }
                    }

                    foreach (var lit in x.Body)
                    {
                        VisitLiteralTermsDeep(lit, y => AddDep(y, set));
                    }
                }
            }

            deps[node] = set;
        }

        var state = new Dictionary<RuleNode, int>();
        var stack = new List<RuleNode>();
        foreach (var n in deps.Keys)
        {
            Visit(n);
        }

        void Visit(RuleNode n)
        {
            if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                var at = n.Rules.FirstOrDefault() ?? n.Functions.FirstOrDefault() ?? n.Default ?? n.DefaultFunction!;
                throw Err("rego_compile_error", $"rule dependencies nested too deeply at {n.DisplayPath}", at.Loc);
            }

            if (state.TryGetValue(n, out var s))
            {
                if (s == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(n)).Append(n).Select(x => x.DisplayPath);
                    var rule = n.Rules.FirstOrDefault() ?? n.Functions.FirstOrDefault() ?? n.Default ?? n.DefaultFunction!;
                    throw Err("rego_recursion_error", $"rule {n.DisplayPath} is recursive: {string.Join(" -> ", cycle)}", rule.Loc);
                }

                return;
            }

            state[n] = 1;
            stack.Add(n);
            if (deps.TryGetValue(n, out var ds))
            {
                foreach (var d in ds)
                {
                    Visit(d);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[n] = 2;
        }
    }

    private void AddDep(Term t, HashSet<RuleNode> set)
    {
        string[]? path = null;
        if (t is RefTerm { IsData: true } r)
        {
            path = r.Path.TakeWhile(p => p is ScalarTerm { Value: StringValue }).Select(p => ((StringValue)((ScalarTerm)p).Value).Value).ToArray();
        }
        else if (t is CallTerm { DataPath: not null } c)
        {
            path = c.DataPath;
        }

        if (path is null)
        {
            return;
        }

        var n = _root;
        foreach (var p in path)
        {
            if (n.HasRules || n.IsFunction)
            {
                break;
            }

            if (!n.Children.TryGetValue(p, out var next))
            {
                return;
            }

            n = next;
        }

        foreach (var d in n.Descendants())
        {
            if (d.HasRules || d.IsFunction)
            {
                set.Add(d);
            }
        }
    }
}
