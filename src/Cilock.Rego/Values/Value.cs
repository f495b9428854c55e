namespace Cilock.Rego.Values;

/// <summary>The kind of a Rego value, numbered in OPA's total sort order.</summary>
internal enum ValueKind
{
    Null = 0,
    Boolean = 1,
    Number = 2,
    String = 3,
    Array = 6,
    Object = 7,
    Set = 8,
}

/// <summary>
/// An immutable Rego value. Undefined is represented by a C# <c>null</c> reference, never by an instance.
/// Ordering follows OPA: null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set.
/// </summary>
internal abstract class Value : IComparable<Value>, IEquatable<Value>
{
    public abstract ValueKind Kind { get; }

    /// <summary>The OPA type name (<c>type_name</c> built-in).</summary>
    public string TypeName => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => "boolean",
        ValueKind.Number => "number",
        ValueKind.String => "string",
        ValueKind.Array => "array",
        ValueKind.Object => "object",
        _ => "set",
    };

    public int CompareTo(Value? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        var k = Kind.CompareTo(other.Kind);
        return k != 0 ? k : CompareSameKind(other);
    }

    protected abstract int CompareSameKind(Value other);

    public abstract bool Equals(Value? other);

    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    public abstract override int GetHashCode();

    public override string ToString() => ValueJson.ToJsonString(this);

    public static bool operator ==(Value? a, Value? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Value? a, Value? b) => !(a == b);
}
