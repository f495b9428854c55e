using Cilock.Rego.Values;

namespace Cilock.Rego.Builtins;

/// <summary>RFC 6902 JSON Patch over Rego values (objects, arrays and sets), for <c>json.patch</c>.</summary>
internal static class JsonPatch
{
    public static Value? Apply(Value doc, ObjectValue op)
    {
        var kind = (op.Get("op") as StringValue)?.Value ?? throw new BuiltinException("patch operation must have an op");
        var path = ParsePath(op.Get("path") ?? throw new BuiltinException("patch operation must have a path"));
        switch (kind)
        {
            case "add":
                return Add(doc, path, 0, op.Get("value") ?? throw new BuiltinException("add requires a value"));
            case "remove":
                return Remove(doc, path, 0);
            case "replace":
                return Remove(doc, path, 0) is { } removed ? Add(removed, path, 0, op.Get("value") ?? throw new BuiltinException("replace requires a value")) : null;
            case "move":
            {
                var from = ParsePath(op.Get("from") ?? throw new BuiltinException("move requires from"));
                var v = Get(doc, from);
                return v is null ? null : Remove(doc, from, 0) is { } r ? Add(r, path, 0, v) : null;
            }

            case "copy":
            {
                var from = ParsePath(op.Get("from") ?? throw new BuiltinException("copy requires from"));
                var v = Get(doc, from);
                return v is null ? null : Add(doc, path, 0, v);
            }

            case "test":
                return Get(doc, path) is { } t && t.Equals(op.Get("value")) ? doc : null;
            default:
                throw new BuiltinException("unknown patch operation " + kind);
        }
    }

    private static Value[] ParsePath(Value p) => p switch
    {
        StringValue s when s.Value.Length == 0 => [],
        StringValue s => s.Value.TrimStart('/').Split('/').Select(x => (Value)new StringValue(x.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))).ToArray(),
        ArrayValue a => a.Items,
        _ => throw new BuiltinException("invalid patch path"),
    };

    private static int? Index(Value key, int count, bool allowEnd)
    {
        if (allowEnd && key is StringValue { Value: "-" })
        {
            return count;
        }

        int i;
        if (key is NumberValue n && n.TryToInt32(out i))
        {
        }
        else if (key is StringValue s && int.TryParse(s.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out i))
        {
        }
        else
        {
            return null;
        }

        return i >= 0 && i < count + (allowEnd ? 1 : 0) ? i : null;
    }

    private static Value? Get(Value doc, Value[] path)
    {
        var cur = doc;
        foreach (var k in path)
        {
            cur = cur switch
            {
                ObjectValue o => o.Get(k),
                ArrayValue a => Index(k, a.Count, false) is { } i ? a.Items[i] : null,
                SetValue s => s.Contains(k) ? k : null,
                _ => null,
            };
            if (cur is null)
            {
                return null;
            }
        }

        return cur;
    }

    private static Value? Add(Value doc, Value[] path, int i, Value v)
    {
        if (i == path.Length)
        {
            return v;
        }

        var key = path[i];
        var last = i == path.Length - 1;
        switch (doc)
        {
            case ObjectValue o:
            {
                var d = new Dictionary<Value, Value>(o.Items);
                if (last)
                {
                    d[key] = v;
                }
                else
                {
                    var child = o.Get(key);
                    if (child is null || Add(child, path, i + 1, v) is not { } nc)
                    {
                        return null;
                    }

                    d[key] = nc;
                }

                return new ObjectValue(d);
            }

            case ArrayValue a:
            {
                var idx = Index(key, a.Count, last);
                if (idx is null)
                {
                    return null;
                }

                var list = a.Items.ToList();
                if (last)
                {
                    list.Insert(idx.Value, v);
                }
                else if (Add(list[idx.Value], path, i + 1, v) is { } nc)
                {
                    list[idx.Value] = nc;
                }
                else
                {
                    return null;
                }

                return new ArrayValue(list.ToArray());
            }

            case SetValue s when last:
                return new SetValue(s.Items.Append(v));
            default:
                return null;
        }
    }

    private static Value? Remove(Value doc, Value[] path, int i)
    {
        if (path.Length == 0)
        {
            return null;
        }

        var key = path[i];
        var last = i == path.Length - 1;
        switch (doc)
        {
            case ObjectValue o:
            {
                var child = o.Get(key);
                if (child is null)
                {
                    return null;
                }

                var d = new Dictionary<Value, Value>(o.Items);
                if (last)
                {
                    d.Remove(key);
                }
                else if (Remove(child, path, i + 1) is { } nc)
                {
                    d[key] = nc;
                }
                else
                {
                    return null;
                }

                return new ObjectValue(d);
            }

            case ArrayValue a:
            {
                var idx = Index(key, a.Count, false);
                if (idx is null)
                {
                    return null;
                }

                var list = a.Items.ToList();
                if (last)
                {
                    list.RemoveAt(idx.Value);
                }
                else if (Remove(list[idx.Value], path, i + 1) is { } nc)
                {
                    list[idx.Value] = nc;
                }
                else
                {
                    return null;
                }

                return new ArrayValue(list.ToArray());
            }

            case SetValue s when last:
                return s.Contains(key) ? new SetValue(s.Items.Where(x => !x.Equals(key))) : null;
            default:
                return null;
        }
    }
}
