namespace Cilock.Rego.Values;

/// <summary>An immutable Rego set; iteration is in sorted order.</summary>
internal sealed class SetValue : Value
{
    public static readonly SetValue Empty = new(new HashSet<Value>());

    private readonly HashSet<Value> _items;
    private Value[]? _sorted;
    private int _hash;

    public SetValue(HashSet<Value> items) => _items = items;

    public SetValue(IEnumerable<Value> items) => _items = [.. items];

    public int Count => _items.Count;

    public override ValueKind Kind => ValueKind.Set;

    /// <summary>The elements in OPA's sort order.</summary>
    public Value[] Sorted
    {
        get
        {
            if (_sorted is null)
            {
                var s = _items.ToArray();
                Array.Sort(s);
                _sorted = s;
            }

            return _sorted;
        }
    }

    public bool Contains(Value v) => _items.Contains(v);

    public IReadOnlySet<Value> Items => _items;

    protected override int CompareSameKind(Value other)
    {
        var a = Sorted;
        var b = ((SetValue)other).Sorted;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    public override bool Equals(Value? other) => other is SetValue s && (ReferenceEquals(s, this) || (s.Count == Count && _items.SetEquals(s._items)));

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var h = 8;
            foreach (var v in _items)
            {
                h ^= v.GetHashCode() * 31 + 7;
            }

            _hash = h | 1;
        }

        return _hash;
    }
}
