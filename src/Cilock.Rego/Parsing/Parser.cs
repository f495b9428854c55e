using Cilock.Rego.Ast;
using Cilock.Rego.Lexing;
using Cilock.Rego.Values;

namespace Cilock.Rego.Parsing;

/// <summary>
/// Recursive-descent parser for Rego v0 and v1. Keywords <c>if</c>, <c>contains</c>, <c>in</c> and <c>every</c> are
/// recognised only when enabled (v1, <c>import rego.v1</c> or <c>future.keywords</c>).
/// </summary>
internal sealed class Parser
{
    private const int MaxNesting = 400;

    private readonly List<Token> _tokens;
    private readonly string _file;
    private readonly string _source;
    private int _pos;
    private int _nest;
    private int _depth;
    private int _wildcards;
    private bool _kwIf;
    private bool _kwContains;
    private bool _kwIn;
    private bool _kwEvery;
    private bool _kwNotBody;
    private bool _v1;

    private Parser(string source, string file)
    {
        _file = file;
        _source = source;
        _tokens = new Lexer(source, file).Tokenize();
    }

    private Token Cur => _tokens[_pos];

    private Token Peek(int n = 1) => _tokens[Math.Min(_pos + n, _tokens.Count - 1)];

    /// <summary>Parses one module.</summary>
    public static Module ParseModule(string source, string file, RegoSyntax syntax)
    {
        var p = new Parser(source, file);
        return p.Module(syntax);
    }

    /// <summary>Parses a query (a body of literals).</summary>
    public static Literal[] ParseQuery(string source, bool v1 = true)
    {
        var p = new Parser(source, "query");
        p.EnableKeywords(v1);
        p._v1 = v1;
        var body = p.Literals(() => p.Cur.Kind == TokenKind.Eof);
        if (body.Length == 0)
        {
            throw new RegoException("rego_parse_error", "empty query", "query", 1, 1);
        }

        return body;
    }

    /// <summary>Parses a single term (used for <c>input_term</c>).</summary>
    public static Term ParseTerm(string source)
    {
        var p = new Parser(source, "term");
        p.EnableKeywords(true);
        var t = p.TermExpr();
        if (p.Cur.Kind != TokenKind.Eof)
        {
            throw p.Error("unexpected " + p.Cur.Text);
        }

        return t;
    }

    private void EnableKeywords(bool all)
    {
        _kwIf = _kwContains = _kwIn = _kwEvery = all;
    }

    private RegoException Error(string msg, Token? at = null)
    {
        var t = at ?? Cur;
        return new RegoException("rego_parse_error", msg, _file, t.Line, t.Column);
    }

    private Location Loc(Token t) => new(_file, t.Line, t.Column);

    private Token Expect(string punct)
    {
        if (!Cur.Is(punct))
        {
            throw Error($"expected '{punct}' but found {Describe(Cur)}");
        }

        return _tokens[_pos++];
    }

    private static string Describe(Token t) => t.Kind == TokenKind.Eof ? "end of input" : $"'{t.Text}'";

    private bool Accept(string punct)
    {
        if (Cur.Is(punct))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool IsKeyword(Token t, string word) => t.IsIdent(word) && word switch
    {
        "if" => _kwIf,
        "contains" => _kwContains,
        "in" => _kwIn,
        "every" => _kwEvery,
        _ => true,
    };

    private Module Module(RegoSyntax syntax)
    {
        if (!Cur.IsIdent("package"))
        {
            throw Error("package expected");
        }

        var pkgTok = _tokens[_pos++];
        var pkg = DottedPath(allowBrackets: true);
        var module = new Module { File = _file, Package = pkg, PackageLoc = Loc(pkgTok) };
        _v1 = syntax == RegoSyntax.V1;
        EnableKeywords(_v1);
        while (Cur.IsIdent("import"))
        {
            var it = _tokens[_pos++];
            var path = DottedPath(allowBrackets: true);
            var alias = path[^1];
            if (Cur.IsIdent("as") && !Cur.NewlineBefore)
            {
                _pos++;
                alias = ExpectIdent();
            }

            if (path is ["rego", "v1"] or ["rego", "v2"])
            {
                _kwNotBody |= path[1] == "v2";
                if (syntax != RegoSyntax.V0)
                {
                    _v1 = true;
                }

                EnableKeywords(true);
            }
            else if (path[0] == "future" && path.Length >= 2 && path[1] == "keywords")
            {
                if (path.Length == 2)
                {
                    EnableKeywords(true);
                }
                else
                {
                    switch (path[2])
                    {
                        case "if": _kwIf = true; break;
                        case "contains": _kwContains = true; break;
                        case "in": _kwIn = true; break;
                        case "every": _kwEvery = true; _kwIn = true; break;
                        case "not": _kwNotBody = true; break;
                        default: throw Error("unknown future keyword: " + path[2], it);
                    }
                }
            }
            else if (path[0] is not ("data" or "input"))
            {
                throw Error("invalid import path " + string.Join('.', path) + ": must begin with input or data", it);
            }

            module.Imports.Add((path, alias, Loc(it)));
        }

        module.V1 = _v1;
        while (Cur.Kind != TokenKind.Eof)
        {
            ParseRule(module);
        }

        return module;
    }

    private string ExpectIdent()
    {
        if (Cur.Kind != TokenKind.Ident)
        {
            throw Error("identifier expected but found " + Describe(Cur));
        }

        return _tokens[_pos++].Text;
    }

    private string[] DottedPath(bool allowBrackets)
    {
        var parts = new List<string> { ExpectIdent() };
        while (true)
        {
            if (Cur.Is(".") && !Cur.NewlineBefore)
            {
                _pos++;
                parts.Add(ExpectIdent());
            }
            else if (allowBrackets && Cur.Is("[") && !Cur.NewlineBefore && Peek().Kind == TokenKind.String)
            {
                _pos++;
                parts.Add(_tokens[_pos++].Text);
                Expect("]");
            }
            else
            {
                return [.. parts];
            }
        }
    }

    private void ParseRule(Module module)
    {
        var start = Cur;
        var isDefault = false;
        if (Cur.IsIdent("default"))
        {
            isDefault = true;
            _pos++;
        }

        if (Cur.Kind != TokenKind.Ident)
        {
            throw Error("unexpected " + Describe(Cur) + ", expected a rule");
        }

        var nameTok = _tokens[_pos++];
        var path = new List<Term> { new ScalarTerm(Loc(nameTok), new StringValue(nameTok.Text)) };
        var lastBracket = false;
        while (!Cur.NewlineBefore && (Cur.Is(".") || Cur.Is("[")))
        {
            lastBracket = Cur.Is("[");
            if (Accept("."))
            {
                var t = Cur;
                path.Add(new ScalarTerm(Loc(t), new StringValue(ExpectIdent())));
            }
            else
            {
                _pos++;
                _nest++;
                path.Add(TermExpr());
                _nest--;
                Expect("]");
            }
        }

        var rule = new Rule { Module = module, Loc = Loc(start), IsDefault = isDefault, Path = [.. path] };
        if (Cur.Is("(") && !Cur.NewlineBefore)
        {
            _pos++;
            _nest++;
            var args = new List<Term>();
            while (!Cur.Is(")"))
            {
                args.Add(TermExpr());
                if (!Accept(","))
                {
                    break;
                }
            }

            _nest--;
            Expect(")");
            rule.Args = [.. args];
            rule.Kind = RuleKind.Function;
        }

        if (IsKeyword(Cur, "contains") && !Cur.NewlineBefore)
        {
            _pos++;
            rule.Kind = RuleKind.MultiValue;
            rule.Key = TermExpr();
        }
        else if ((Cur.Is("=") || Cur.Is(":=")) && !Cur.NewlineBefore)
        {
            _pos++;
            rule.Value = TermExpr();
        }

        if (isDefault)
        {
            if (rule.Value is null)
            {
                throw Error("default rules must have a value assigned", start);
            }

            module.Rules.Add(rule);
            return;
        }

        var hasBody = ParseRuleBody(rule);
        if (rule.Kind == RuleKind.SingleValue && rule.Value is null && !_v1 && rule.Args is null && path.Count > 1 && lastBracket)
        {
            // v0: `p[x] { … }` is a partial set.
            rule.Kind = RuleKind.MultiValue;
            rule.Key = path[^1];
            rule.Path = [.. path.Take(path.Count - 1)];
        }

        if (!hasBody && rule.Value is null && rule.Kind == RuleKind.SingleValue && rule.Args is null && path.Count == 1)
        {
            throw Error("rule must have a value or a body", start);
        }

        module.Rules.Add(rule);

        // Chained bodies (`p { a } { b }`) define the same head again.
        while (Cur.Is("{") && !_v1 && hasBody)
        {
            var extra = new Rule { Module = module, Loc = Loc(Cur), Kind = rule.Kind, Path = rule.Path, Args = rule.Args, Key = rule.Key, Value = rule.Value };
            extra.Body = BraceBody();
            module.Rules.Add(extra);
        }
    }

    private bool ParseRuleBody(Rule rule)
    {
        bool hasBody;
        if (IsKeyword(Cur, "if"))
        {
            _pos++;
            rule.Body = BodyAfterIf();
            hasBody = true;
        }
        else if (Cur.Is("{"))
        {
            if (_v1)
            {
                throw Error("`if` keyword is required before rule body");
            }

            rule.Body = BraceBody();
            hasBody = true;
        }
        else
        {
            rule.Body = [new ExprLiteral(rule.Loc, false, ExprKind.Term, new ScalarTerm(rule.Loc, BoolValue.True), null)];
            hasBody = false;
        }

        var current = rule;
        while (Cur.IsIdent("else"))
        {
            var et = _tokens[_pos++];
            var e = new Rule { Module = rule.Module, Loc = Loc(et), Kind = rule.Kind, Path = rule.Path, Args = rule.Args };
            if (Cur.Is("=") || Cur.Is(":="))
            {
                _pos++;
                e.Value = TermExpr();
            }

            if (IsKeyword(Cur, "if"))
            {
                _pos++;
                e.Body = BodyAfterIf();
            }
            else if (Cur.Is("{"))
            {
                e.Body = BraceBody();
            }
            else
            {
                e.Body = [new ExprLiteral(e.Loc, false, ExprKind.Term, new ScalarTerm(e.Loc, BoolValue.True), null)];
            }

            current.Else = e;
            current = e;
        }

        return hasBody;
    }

    /// <summary>
    /// After <c>if</c>, <c>{</c> usually opens a body, but it can also start a single literal such as an object
    /// comprehension (<c>if {x: i | …}</c>); like OPA, try the body first and fall back to one literal.
    /// </summary>
    private Literal[] BodyAfterIf()
    {
        if (!Cur.Is("{"))
        {
            return [Literal()];
        }

        var start = _pos;
        var nest = _nest;
        try
        {
            return BraceBody();
        }
        catch (RegoException) when (_depth == 0)
        {
            _pos = start;
            _nest = nest;
            Literal? literal = null;
            try
            {
                literal = Literal();
            }
            catch (RegoException)
            {
                // Fall through: the body's error points at the real problem, not at the retry.
            }

            if (literal is null || (!Cur.NewlineBefore && Cur.Kind != TokenKind.Eof))
            {
                throw;
            }

            return [literal];
        }
    }

    private Literal[] BraceBody()
    {
        Expect("{");
        var saved = _nest;
        _nest = 0;
        var body = Literals(() => Cur.Is("}"));
        _nest = saved;
        Expect("}");
        if (body.Length == 0)
        {
            throw Error("found empty body");
        }

        return body;
    }

    private Literal[] Literals(Func<bool> atEnd)
    {
        var list = new List<Literal>();
        while (!atEnd())
        {
            if (Cur.Kind == TokenKind.Eof)
            {
                throw Error("unexpected end of input");
            }

            list.Add(Literal());
            if (Accept(";"))
            {
                continue;
            }

            if (!atEnd() && !Cur.NewlineBefore)
            {
                throw Error("unexpected " + Describe(Cur));
            }
        }

        return [.. list];
    }

    private Literal Literal()
    {
        EnterDepth();
        try
        {
            var start = Cur;
            Literal lit;
            if (Cur.IsIdent("some"))
            {
                lit = SomeLiteral();
            }
            else if (IsKeyword(Cur, "every"))
            {
                lit = EveryLit();
            }
            else
            {
                var negated = false;
                if (Cur.IsIdent("not"))
                {
                    negated = true;
                    _pos++;
                }

                if (negated && _kwNotBody && Cur.Is("{"))
                {
                    // `not { body }` holds when the body has no solution: count([true | body]) == 0.
                    var loc = Loc(Cur);
                    var body = BraceBody();
                    var comprehension = new ComprehensionTerm(loc, ComprehensionKind.Array, new ScalarTerm(loc, BoolValue.True), null, body);
                    var count = new CallTerm(loc, ["count"], [comprehension]);
                    lit = new ExprLiteral(Loc(start), false, ExprKind.Term, new CallTerm(loc, ["equal"], [count, new ScalarTerm(loc, NumberValue.Zero)]), null);
                }
                else
                {
                    lit = ExprLit(start, negated);
                }
            }

            var withs = new List<WithModifier>();
            while (Cur.IsIdent("with"))
            {
                var wt = _tokens[_pos++];
                var target = PrimaryTerm();
                if (!Cur.IsIdent("as"))
                {
                    throw Error("expected 'as' in with modifier");
                }

                _pos++;
                withs.Add(new WithModifier(Loc(wt), target, TermExpr()));
            }

            lit.Withs = [.. withs];
            var end = _tokens[_pos - 1].End;
            lit.Text = end > start.Offset ? _source[start.Offset..end] : "";
            return lit;
        }
        finally
        {
            _depth--;
        }
    }

    private Literal ExprLit(Token start, bool negated)
    {
        var left = TermExpr();
        if (Cur.Is(",") && _kwIn && _nest == 0)
        {
            // `k, v in xs` at expression level.
            _pos++;
            var v = RelationTerm();
            if (!IsKeyword(Cur, "in"))
            {
                throw Error("expected 'in'");
            }

            var it = _tokens[_pos++];
            var coll = RelationTerm();
            left = new CallTerm(Loc(it), ["internal", "member_3"], [left, v, coll]);
            while (IsKeyword(Cur, "in") && !Cur.NewlineBefore)
            {
                var nt = _tokens[_pos++];
                left = new CallTerm(Loc(nt), ["internal", "member_2"], [left, RelationTerm()]);
            }
        }

        if ((Cur.Is("=") || Cur.Is(":=")) && !(Cur.NewlineBefore && _nest == 0))
        {
            var op = _tokens[_pos++];
            var right = TermExpr();
            return new ExprLiteral(Loc(start), negated, op.Text == "=" ? ExprKind.Unify : ExprKind.Assign, left, right);
        }

        return new ExprLiteral(Loc(start), negated, ExprKind.Term, left, null);
    }

    private Literal SomeLiteral()
    {
        var st = _tokens[_pos++];
        var terms = new List<Term> { RelationTerm() };
        while (Accept(","))
        {
            terms.Add(RelationTerm());
        }

        if (IsKeyword(Cur, "in"))
        {
            _pos++;
            if (terms.Count > 2)
            {
                throw Error("unexpected , in some declaration");
            }

            var coll = RelationTerm();
            return terms.Count == 2 ? new SomeInLiteral(Loc(st), terms[0], terms[1], coll) : new SomeInLiteral(Loc(st), null, terms[0], coll);
        }

        if (terms.Count == 1 && terms[0] is CallTerm { Name: ["internal", "member_2"] } m)
        {
            return new SomeInLiteral(Loc(st), null, m.Args[0], m.Args[1]);
        }

        var vars = new List<VarTerm>();
        foreach (var t in terms)
        {
            if (t is not VarTerm v)
            {
                throw Error("expected var in some declaration", st);
            }

            vars.Add(v);
        }

        return new SomeDeclLiteral(Loc(st), [.. vars]);
    }

    private Literal EveryLit()
    {
        var st = _tokens[_pos++];
        var first = PrimaryTerm();
        Term? key = null;
        var value = first;
        if (Accept(","))
        {
            key = first;
            value = PrimaryTerm();
        }

        if (!IsKeyword(Cur, "in"))
        {
            throw Error("expected 'in' in every");
        }

        _pos++;
        var domain = RelationTerm();
        var body = BraceBody();
        return new EveryLiteral(Loc(st), key, value, domain, body);
    }

    private void EnterDepth()
    {
        // The depth cap alone is not enough on small stacks (a 1 MiB thread overflowed at ~220 nested arrays, found by
        // build/fuzz.sh rego): also stop when the remaining stack runs low.
        if (++_depth > MaxNesting || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("expression nesting too deep");
        }
    }

    private bool OpAhead(string op) => Cur.Is(op) && !(Cur.NewlineBefore && _nest == 0);

    internal Term TermExpr() => InTerm();

    private Term InTerm()
    {
        var left = RelationTerm();
        while (IsKeyword(Cur, "in") && !(Cur.NewlineBefore && _nest == 0))
        {
            var t = _tokens[_pos++];
            var right = RelationTerm();
            left = new CallTerm(Loc(t), ["internal", "member_2"], [left, right]);
        }

        return left;
    }

    private static readonly Dictionary<string, string> Ops = new()
    {
        ["=="] = "equal", ["!="] = "neq", ["<"] = "lt", ["<="] = "lte", [">"] = "gt", [">="] = "gte",
        ["|"] = "or", ["&"] = "and", ["+"] = "plus", ["-"] = "minus", ["*"] = "mul", ["/"] = "div", ["%"] = "rem",
    };

    private Term Binary(Func<Term> next, params string[] ops)
    {
        var left = next();
        while (true)
        {
            var op = ops.FirstOrDefault(OpAhead);
            if (op is null || (op == "|" && _noPipe > 0 && _nest == _noPipeNest))
            {
                return left;
            }

            var t = _tokens[_pos++];
            var right = next();
            left = new CallTerm(Loc(t), [Ops[op]], [left, right]);
        }
    }

    private int _noPipe;
    private int _noPipeNest;

    private Term RelationTerm() => Binary(OrTerm, "==", "!=", "<=", ">=", "<", ">");

    private Term OrTerm() => Binary(AndTerm, "|");

    private Term AndTerm() => Binary(ArithTerm, "&");

    private Term ArithTerm() => Binary(FactorTerm, "+", "-");

    private Term FactorTerm() => Binary(UnaryTerm, "*", "/", "%");

    private Term UnaryTerm()
    {
        if (Cur.Is("-"))
        {
            var t = _tokens[_pos++];
            if (Cur.Kind == TokenKind.Number && Cur.Column == t.Column + 1 && Cur.Line == t.Line)
            {
                var nt = _tokens[_pos++];
                return Postfix(new ScalarTerm(Loc(t), ParseNumber("-" + nt.Text, nt)));
            }

            var operand = UnaryTerm();
            return new CallTerm(Loc(t), ["minus"], [new ScalarTerm(Loc(t), NumberValue.Zero), operand]);
        }

        return PrimaryTerm();
    }

    private NumberValue ParseNumber(string text, Token t) =>
        NumberValue.TryParse(text, out var n) ? n : throw Error("invalid number " + text, t);

    private Term PrimaryTerm()
    {
        EnterDepth();
        try
        {
            return Postfix(Atom());
        }
        finally
        {
            _depth--;
        }
    }

    private Term Atom()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case TokenKind.Number:
                _pos++;
                return new ScalarTerm(Loc(t), ParseNumber(t.Text, t));
            case TokenKind.String:
            case TokenKind.RawString:
                _pos++;
                return new ScalarTerm(Loc(t), new StringValue(t.Text));
            case TokenKind.Ident:
                _pos++;
                switch (t.Text)
                {
                    case "true": return new ScalarTerm(Loc(t), BoolValue.True);
                    case "false": return new ScalarTerm(Loc(t), BoolValue.False);
                    case "null": return new ScalarTerm(Loc(t), NullValue.Instance);
                    case "_": return new VarTerm(Loc(t), "$" + (++_wildcards).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    default:
                        if (IsReserved(t.Text))
                        {
                            throw Error($"unexpected {t.Text} keyword", t);
                        }

                        return new VarTerm(Loc(t), t.Text);
                }

            case TokenKind.Punct when t.Text == "(":
            {
                _pos++;
                _nest++;
                var savedPipe = _noPipe;
                _noPipe = 0;
                var inner = TermExpr();
                if (Cur.Is(",") && _kwIn)
                {
                    // `(k, v in xs)`: key/value membership inside parentheses.
                    _pos++;
                    var v = RelationTerm();
                    if (!IsKeyword(Cur, "in"))
                    {
                        throw Error("expected 'in'");
                    }

                    var it = _tokens[_pos++];
                    inner = new CallTerm(Loc(it), ["internal", "member_3"], [inner, v, RelationTerm()]);
                    while (IsKeyword(Cur, "in"))
                    {
                        var nt = _tokens[_pos++];
                        inner = new CallTerm(Loc(nt), ["internal", "member_2"], [inner, RelationTerm()]);
                    }
                }

                _noPipe = savedPipe;
                _nest--;
                Expect(")");
                return inner;
            }

            case TokenKind.Punct when t.Text == "[":
                return ArrayOrComprehension();
            case TokenKind.Punct when t.Text == "{":
                return ObjectSetOrComprehension();
            default:
                throw Error("unexpected " + Describe(t));
        }
    }

    private bool IsReserved(string word) => !(word == "contains" && Cur.Is("(")) && IsKeywordWord(word);

    private bool IsKeywordWord(string word) => word is "not" or "with" or "as" or "default" or "else" or "import" or "package" || (word == "some") ||
        (word == "if" && _kwIf) || (word == "contains" && _kwContains) || (word == "in" && _kwIn) || (word == "every" && _kwEvery);

    private Term Postfix(Term term)
    {
        while (true)
        {
            if (Cur.NewlineBefore && _nest == 0)
            {
                return term;
            }

            if (Cur.Is(".") && (term is VarTerm or RefTerm or CallTerm) && Peek().Kind == TokenKind.Ident && Peek().Column == Cur.Column + 1)
            {
                _pos++;
                var nt = _tokens[_pos++];
                term = Append(term, new ScalarTerm(Loc(nt), new StringValue(nt.Text)));
            }
            else if (Cur.Is("["))
            {
                _pos++;
                _nest++;
                var savedPipe = _noPipe;
                _noPipe = 0;
                var key = TermExpr();
                _noPipe = savedPipe;
                _nest--;
                Expect("]");
                term = Append(term, key);
            }
            else if (Cur.Is("(") && (term is VarTerm || (term is RefTerm r && r.Head is VarTerm && r.Path.All(p => p is ScalarTerm { Value: StringValue }))))
            {
                var lp = _tokens[_pos++];
                _nest++;
                var savedPipe = _noPipe;
                _noPipe = 0;
                var args = new List<Term>();
                while (!Cur.Is(")"))
                {
                    args.Add(TermExpr());
                    if (!Accept(","))
                    {
                        break;
                    }
                }

                _noPipe = savedPipe;
                _nest--;
                Expect(")");
                var name = term is VarTerm v ? [v.Name] : RefName((RefTerm)term);
                if (name is ["set"] && args.Count == 0)
                {
                    term = new SetTerm(term.Loc, []);
                }
                else
                {
                    term = new CallTerm(term.Loc, name, [.. args]);
                }
            }
            else
            {
                return term;
            }
        }
    }

    private static string[] RefName(RefTerm r) => [((VarTerm)r.Head).Name, .. r.Path.Select(p => ((StringValue)((ScalarTerm)p).Value).Value)];

    private static Term Append(Term term, Term key) => term is RefTerm r
        ? new RefTerm(r.Loc, r.Head, [.. r.Path, key])
        : new RefTerm(term.Loc, term, [key]);

    private Term ArrayOrComprehension()
    {
        var open = _tokens[_pos++];
        _nest++;
        try
        {
            if (Accept("]"))
            {
                return new ArrayTerm(Loc(open), []);
            }

            var first = NoPipeTerm();
            if (Cur.Is("|"))
            {
                _pos++;
                var body = ComprehensionBody("]");
                return new ComprehensionTerm(Loc(open), ComprehensionKind.Array, first, null, body);
            }

            var items = new List<Term> { first };
            while (Accept(","))
            {
                if (Cur.Is("]"))
                {
                    break;
                }

                items.Add(TermExpr());
            }

            Expect("]");
            return new ArrayTerm(Loc(open), [.. items]);
        }
        finally
        {
            _nest--;
        }
    }

    private Term NoPipeTerm()
    {
        _noPipe++;
        var savedNest = _noPipeNest;
        _noPipeNest = _nest;
        try
        {
            return TermExpr();
        }
        finally
        {
            _noPipe--;
            _noPipeNest = savedNest;
        }
    }

    private Literal[] ComprehensionBody(string close)
    {
        var saved = _nest;
        _nest = 0;
        var body = Literals(() => Cur.Is(close));
        _nest = saved;
        Expect(close);
        if (body.Length == 0)
        {
            throw Error("empty comprehension body");
        }

        return body;
    }

    private Term ObjectSetOrComprehension()
    {
        var open = _tokens[_pos++];
        _nest++;
        try
        {
            if (Accept("}"))
            {
                return new ObjectTerm(Loc(open), []);
            }

            var first = NoPipeTerm();
            if (Accept(":"))
            {
                var value = NoPipeTerm();
                if (Cur.Is("|"))
                {
                    _pos++;
                    var body = ComprehensionBody("}");
                    return new ComprehensionTerm(Loc(open), ComprehensionKind.Object, first, value, body);
                }

                var items = new List<(Term, Term)> { (first, value) };
                while (Accept(","))
                {
                    if (Cur.Is("}"))
                    {
                        break;
                    }

                    var k = TermExpr();
                    Expect(":");
                    items.Add((k, TermExpr()));
                }

                Expect("}");
                return new ObjectTerm(Loc(open), [.. items]);
            }

            if (Cur.Is("|"))
            {
                _pos++;
                var body = ComprehensionBody("}");
                return new ComprehensionTerm(Loc(open), ComprehensionKind.Set, first, null, body);
            }

            var set = new List<Term> { first };
            while (Accept(","))
            {
                if (Cur.Is("}"))
                {
                    break;
                }

                set.Add(TermExpr());
            }

            Expect("}");
            return new SetTerm(Loc(open), [.. set]);
        }
        finally
        {
            _nest--;
        }
    }
}
