using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Object built-ins and the JSON path helpers (<c>json.filter</c>, <c>json.remove</c>, <c>json.patch</c>).</summary>
internal static class ObjectBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("object.get", 3, (_, a) =>
        {
            var o = Obj(a, 0);
            if (a[1] is ArrayValue path)
            {
                Value cur = o;
                foreach (var k in path.Items)
                {
                    var next = cur switch
                    {
                        ObjectValue co => co.Get(k),
                        ArrayValue ca => k is NumberValue n && n.TryToInt32(out var i) && i >= 0 && i < ca.Count ? ca.Items[i] : null,
                        SetValue cs => cs.Contains(k) ? k : null,
                        _ => null,
                    };
                    if (next is null)
                    {
                        return a[2];
                    }

                    cur = next;
                }

                return cur;
            }

            return o.Get(a[1]) ?? a[2];
        });
        t.Add("object.keys", 1, (_, a) => new SetValue(Obj(a, 0).Items.Keys));
        t.Add("object.union", 2, (_, a) => Union(Obj(a, 0), Obj(a, 1)));
        t.Add("object.union_n", 1, (_, a) =>
        {
            var result = ObjectValue.Empty;
            foreach (var x in Arr(a, 0).Items)
            {
                result = Union(result, x as ObjectValue ?? throw new BuiltinException("operand 1 must be array of objects", true));
            }

            return result;
        });
        t.Add("object.remove", 2, (_, a) =>
        {
            var o = Obj(a, 0);
            var keys = KeySet(a, 1);
            return new ObjectValue(o.Items.Where(p => !keys.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value));
        });
        t.Add("object.filter", 2, (_, a) =>
        {
            var o = Obj(a, 0);
            var keys = KeySet(a, 1);
            return new ObjectValue(o.Items.Where(p => keys.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value));
        });
        t.Add("object.subset", 2, (_, a) => B(Subset(a[0], a[1], a)));
        t.Add("json.filter", 2, (_, a) =>
        {
            var o = Obj(a, 0);
            var paths = Paths(a, 1);
            return FilterPaths(o, paths);
        });
        t.Add("json.remove", 2, (_, a) =>
        {
            Value o = Obj(a, 0);
            foreach (var p in Paths(a, 1))
            {
                o = RemovePath(o, p, 0);
            }

            return o;
        });
        t.Add("json.patch", 2, (_, a) =>
        {
            var doc = a[0];
            foreach (var op in Arr(a, 1).Items)
            {
                doc = JsonPatch.Apply(doc, op as ObjectValue ?? throw new BuiltinException("invalid patch operation"));
                if (doc is null)
                {
                    return null;
                }
            }

            return doc;
        });
    }

    public static ObjectValue Union(ObjectValue a, ObjectValue b)
    {
        var d = new Dictionary<Value, Value>(a.Items);
        foreach (var (k, v) in b.Items)
        {
            d[k] = d.TryGetValue(k, out var existing) && existing is ObjectValue eo && v is ObjectValue vo ? Union(eo, vo) : v;
        }

        return new ObjectValue(d);
    }

    private static HashSet<Value> KeySet(Value[] a, int i) => a[i] switch
    {
        ArrayValue arr => [.. arr.Items],
        SetValue s => [.. s.Items],
        ObjectValue o => [.. o.Items.Keys],
        _ => throw TypeError(i + 1, "one of {object, set, array}", a[i]),
    };

    private static bool Subset(Value super, Value sub, Value[] a)
    {
        switch (super)
        {
            case ObjectValue so when sub is ObjectValue bo:
                return bo.Items.All(p => so.Get(p.Key) is { } sv && (sv.Equals(p.Value) || (sv is ObjectValue or SetValue or ArrayValue && SubsetNested(sv, p.Value))));
            case SetValue ss when sub is SetValue bs:
                return bs.Items.All(ss.Contains);
            case SetValue ss when sub is ArrayValue ba:
                return ba.Items.All(ss.Contains);
            case ArrayValue sa when sub is ArrayValue ba:
                if (ba.Count == 0)
                {
                    return true;
                }

                for (var i = 0; i + ba.Count <= sa.Count; i++)
                {
                    if (sa.Items.AsSpan(i, ba.Count).SequenceEqual(ba.Items))
                    {
                        return true;
                    }
                }

                return false;
            case ArrayValue sa when sub is SetValue bs:
                return bs.Items.All(x => sa.Items.Contains(x));
            case ObjectValue or SetValue or ArrayValue:
                throw new BuiltinException("both arguments to object.subset must be of the same type or array and set", true);
            default:
                throw TypeError(1, "one of {object, array, set}", a[0]);
        }
    }

    private static bool SubsetNested(Value super, Value sub) =>
        super.GetType() == sub.GetType() || (super is SetValue && sub is ArrayValue) ? Subset(super, sub, [super, sub]) : false;

    private static List<Value[]> Paths(Value[] a, int i)
    {
        var result = new List<Value[]>();
        foreach (var p in Elements(a, i, "one of {array, set}"))
        {
            result.Add(p switch
            {
                StringValue s => s.Value.Trim('/').Split('/').Select(x => (Value)new StringValue(x.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))).ToArray(),
                ArrayValue arr => arr.Items,
                _ => throw new BuiltinException($"operand {i + 1} must be array of strings or arrays", true),
            });
        }

        return result;
    }

    private static Value FilterPaths(Value v, List<Value[]> paths)
    {
        if (paths.Any(p => p.Length == 0))
        {
            return v;
        }

        switch (v)
        {
            case ObjectValue o:
            {
                var d = new Dictionary<Value, Value>();
                foreach (var group in paths.GroupBy(p => p[0]))
                {
                    if (o.Get(group.Key) is { } child)
                    {
                        d[group.Key] = FilterPaths(child, group.Select(p => p[1..]).ToList());
                    }
                }

                return new ObjectValue(d);
            }

            case ArrayValue arr:
            {
                var list = new List<Value>();
                for (var i = 0; i < arr.Count; i++)
                {
                    var idx = i;
                    var matching = paths.Where(p => KeyMatchesIndex(p[0], idx)).Select(p => p[1..]).ToList();
                    if (matching.Count > 0)
                    {
                        list.Add(FilterPaths(arr.Items[i], matching));
                    }
                }

                return new ArrayValue(list.ToArray());
            }

            case SetValue s:
                return new SetValue(s.Items.Where(x => paths.Any(p => p[0].Equals(x))).Select(x => FilterPaths(x, paths.Where(p => p[0].Equals(x)).Select(p => p[1..]).ToList())));
            default:
                return v;
        }
    }

    private static bool KeyMatchesIndex(Value key, int i) => key switch
    {
        NumberValue n => n.TryToInt32(out var k) && k == i,
        StringValue s => s.Value == i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => false,
    };

    private static Value RemovePath(Value v, Value[] path, int i)
    {
        if (i >= path.Length)
        {
            return v;
        }

        var last = i == path.Length - 1;
        switch (v)
        {
            case ObjectValue o:
            {
                var child = o.Get(path[i]);
                if (child is null)
                {
                    return v;
                }

                var d = new Dictionary<Value, Value>(o.Items);
                if (last)
                {
                    d.Remove(path[i]);
                }
                else
                {
                    d[path[i]] = RemovePath(child, path, i + 1);
                }

                return new ObjectValue(d);
            }

            case ArrayValue arr:
            {
                var list = new List<Value>();
                for (var j = 0; j < arr.Count; j++)
                {
                    if (KeyMatchesIndex(path[i], j))
                    {
                        if (!last)
                        {
                            list.Add(RemovePath(arr.Items[j], path, i + 1));
                        }
                    }
                    else
                    {
                        list.Add(arr.Items[j]);
                    }
                }

                return new ArrayValue(list.ToArray());
            }

            case SetValue s when last:
                return new SetValue(s.Items.Where(x => !x.Equals(path[i])));
            default:
                return v;
        }
    }
}
