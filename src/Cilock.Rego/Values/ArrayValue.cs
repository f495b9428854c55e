namespace Cilock.Rego.Values;

/// <summary>An immutable Rego array.</summary>
internal sealed class ArrayValue : Value
{
    public static readonly ArrayValue Empty = new([]);

    private int _hash;

    public ArrayValue(Value[] items) => Items = items;

    public ArrayValue(IEnumerable<Value> items) => Items = items.ToArray();

    public Value[] Items { get; }

    public int Count => Items.Length;

    public override ValueKind Kind => ValueKind.Array;

    protected override int CompareSameKind(Value other)
    {
        var o = ((ArrayValue)other).Items;
        var n = Math.Min(Items.Length, o.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Items[i].CompareTo(o[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return Items.Length.CompareTo(o.Length);
    }

    public override bool Equals(Value? other)
    {
        if (other is not ArrayValue a || a.Items.Length != Items.Length)
        {
            return false;
        }

        for (var i = 0; i < Items.Length; i++)
        {
            if (!Items[i].Equals(a.Items[i]))
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
            var h = new HashCode();
            h.Add(6);
            foreach (var v in Items)
            {
                h.Add(v.GetHashCode());
            }

            _hash = h.ToHashCode() | 1;
        }

        return _hash;
    }
}
