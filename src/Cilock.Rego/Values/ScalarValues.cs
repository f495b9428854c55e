namespace Cilock.Rego.Values;

/// <summary>The Rego <c>null</c> value.</summary>
internal sealed class NullValue : Value
{
    public static readonly NullValue Instance = new();

    private NullValue()
    {
    }

    public override ValueKind Kind => ValueKind.Null;

    protected override int CompareSameKind(Value other) => 0;

    public override bool Equals(Value? other) => other is NullValue;

    public override int GetHashCode() => 17;
}

/// <summary>A Rego boolean.</summary>
internal sealed class BoolValue : Value
{
    public static readonly BoolValue True = new(true);
    public static readonly BoolValue False = new(false);

    private BoolValue(bool value) => Value = value;

    public bool Value { get; }

    public override ValueKind Kind => ValueKind.Boolean;

    public static BoolValue Of(bool b) => b ? True : False;

    protected override int CompareSameKind(Value other) => Value.CompareTo(((BoolValue)other).Value);

    public override bool Equals(Value? other) => other is BoolValue b && b.Value == Value;

    public override int GetHashCode() => Value ? 1231 : 1237;
}

/// <summary>A Rego string (compared ordinally, like Go's byte comparison for BMP text).</summary>
internal sealed class StringValue : Value
{
    public static readonly StringValue Empty = new(string.Empty);

    private int _hash;

    public StringValue(string value) => Value = value;

    public string Value { get; }

    public override ValueKind Kind => ValueKind.String;

    protected override int CompareSameKind(Value other) => string.CompareOrdinal(Value, ((StringValue)other).Value) switch
    {
        < 0 => -1,
        > 0 => 1,
        _ => 0,
    };

    public override bool Equals(Value? other) => other is StringValue s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    // Cached: the same key and element strings are hashed over and over during evaluation.
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            _hash = StringComparer.Ordinal.GetHashCode(Value) | 1;
        }

        return _hash;
    }
}
