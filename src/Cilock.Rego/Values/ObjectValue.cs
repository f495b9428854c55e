namespace Cilock.Rego.Values;

/// <summary>An immutable Rego object with keys of any type; iteration is in sorted key order.</summary>
internal sealed class ObjectValue : Value
{
    public static readonly ObjectValue Empty = new(new Dictionary<Value, Value>());

    private readonly Dictionary<Value, Value> _items;
    private Value[]? _sortedKeys;
    private int _hash;

    public ObjectValue(Dictionary<Value, Value> items) => _items = items;

    public int Count => _items.Count;

    public override ValueKind Kind => ValueKind.Object;

    public IReadOnlyDictionary<Value, Value> Items => _items;

    /// <summary>The keys in OPA's sort order.</summary>
    public Value[] SortedKeys
    {
        get
        {
            if (_sortedKeys is null)
            {
                var k = _items.Keys.ToArray();
                Array.Sort(k);
                _sortedKeys = k;
            }

            return _sortedKeys;
        }
    }

    public Value? Get(Value key) => _items.TryGetValue(key, out var v) ? v : null;

    public Value? Get(string key) => _items.TryGetValue(new StringValue(key), out var v) ? v : null;

    public IEnumerable<KeyValuePair<Value, Value>> SortedPairs()
    {
        foreach (var k in SortedKeys)
        {
            yield return new(k, _items[k]);
        }
    }

    protected override int CompareSameKind(Value other)
    {
        var o = (ObjectValue)other;
        var a = SortedKeys;
        var b = o.SortedKeys;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }

            c = _items[a[i]].CompareTo(o._items[b[i]]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    public override bool Equals(Value? other)
    {
        if (other is not ObjectValue o || o.Count != Count)
        {
            return false;
        }

        if (ReferenceEquals(o, this))
        {
            return true;
        }

        foreach (var (k, v) in _items)
        {
            if (!o._items.TryGetValue(k, out var ov) || !ov.Equals(v))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var h = 7;
            foreach (var (k, v) in _items)
            {
                h ^= HashCode.Combine(k, v);
            }

            _hash = h | 1;
        }

        return _hash;
    }
}
