using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.InToto;

/// <summary>
/// A set of digests of one artifact, keyed by algorithm name. Only the five names Go products register are allowed
/// (spec statement-and-collection.md §5): any other key (e.g. NuGet's <c>sha512</c>) would make Witness and cilock
/// reject the whole envelope, so it is refused here too.
/// </summary>
[JsonConverter(typeof(DigestSetJsonConverter))]
public sealed class DigestSet : IReadOnlyDictionary<string, string>, IEquatable<DigestSet>
{
    /// <summary><c>sha256</c>: 64 lowercase hex.</summary>
    public const string Sha256 = "sha256";

    /// <summary><c>sha1</c>: 40 lowercase hex.</summary>
    public const string Sha1 = "sha1";

    /// <summary><c>gitoid:sha256</c>: <c>gitoid:blob:sha256:&lt;hex&gt;</c>.</summary>
    public const string GitoidSha256 = "gitoid:sha256";

    /// <summary><c>gitoid:sha1</c>: <c>gitoid:blob:sha1:&lt;hex&gt;</c>.</summary>
    public const string GitoidSha1 = "gitoid:sha1";

    /// <summary><c>dirHash</c>: 64 lowercase hex over a directory listing.</summary>
    public const string DirHash = "dirHash";

    private static readonly Dictionary<string, int> HashSizes = new(StringComparer.Ordinal)
    {
        [Sha256] = 32,
        [Sha1] = 20,
        [GitoidSha256] = 32,
        [GitoidSha1] = 20,
        [DirHash] = 32,
    };

    private readonly SortedDictionary<string, string> _values;

    /// <summary>An empty digest set.</summary>
    public static DigestSet Empty { get; } = new(new SortedDictionary<string, string>(StringComparer.Ordinal));

    private DigestSet(SortedDictionary<string, string> values) => _values = values;

    /// <summary>The algorithm names a digest set may contain.</summary>
    public static IReadOnlyCollection<string> KnownAlgorithms => HashSizes.Keys;

    /// <summary>Whether <paramref name="algorithm"/> is one of the five registered names.</summary>
    public static bool IsKnownAlgorithm(string algorithm) => HashSizes.ContainsKey(algorithm);

    /// <summary>Creates a digest set, validating every key and value format.</summary>
    /// <exception cref="CilockException">CIL1030 for an unknown algorithm or a malformed value.</exception>
    public static DigestSet Create(IEnumerable<KeyValuePair<string, string>> digests)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (algorithm, value) in digests)
        {
            Validate(algorithm, value);
            values[algorithm] = value;
        }

        return new DigestSet(values);
    }

    /// <summary>Creates a digest set holding one sha256 value (lowercase hex).</summary>
    public static DigestSet FromSha256(string hex) => Create([new(Sha256, hex)]);

    /// <summary>Creates a digest set holding one sha256 value from raw bytes.</summary>
    public static DigestSet FromSha256(ReadOnlySpan<byte> digest) => FromSha256(Convert.ToHexStringLower(digest));

    /// <summary>The sha256 value, when present.</summary>
    public string? Sha256Hex => _values.GetValueOrDefault(Sha256);

    /// <inheritdoc />
    public string this[string key] => _values[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<string> Values => _values.Values;

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Artifact equality as used by <c>artifactsFrom</c> (spec §7). Strict (W12/cilock, the default): the strongest
    /// hash size present in either set must be shared with an equal value, and every shared algorithm must agree.
    /// Lenient (W10): at least one shared algorithm and all shared algorithms agree.
    /// </summary>
    public bool Matches(DigestSet other, DigestEquality mode = DigestEquality.Strict)
    {
        ArgumentNullException.ThrowIfNull(other);
        var shared = _values.Keys.Where(other._values.ContainsKey).ToList();
        if (shared.Count == 0)
        {
            return false;
        }

        if (shared.Any(k => !string.Equals(_values[k], other._values[k], StringComparison.Ordinal)))
        {
            return false;
        }

        if (mode == DigestEquality.Lenient)
        {
            return true;
        }

        var strongest = _values.Keys.Concat(other._values.Keys).Max(k => HashSizes[k]);
        return shared.Any(k => HashSizes[k] == strongest);
    }

    /// <summary>Exact equality: the same algorithms with the same values.</summary>
    public bool Equals(DigestSet? other) =>
        other is not null && Count == other.Count && _values.All(kv => other._values.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DigestSet other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (k, v) in _values)
        {
            hash.Add(k);
            hash.Add(v);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _values.Select(kv => $"{kv.Key}:{kv.Value}"));

    private static void Validate(string algorithm, string value)
    {
        var ok = algorithm switch
        {
            Sha256 or DirHash => IsLowerHex(value, 64),
            Sha1 => IsLowerHex(value, 40),
            GitoidSha256 => value.StartsWith("gitoid:blob:sha256:", StringComparison.Ordinal) && IsLowerHex(value["gitoid:blob:sha256:".Length..], 64),
            GitoidSha1 => value.StartsWith("gitoid:blob:sha1:", StringComparison.Ordinal) && IsLowerHex(value["gitoid:blob:sha1:".Length..], 40),
            _ => throw new CilockException("CIL1030", $"unsupported digest algorithm '{algorithm}': digest sets may only use sha256, sha1, gitoid:sha256, gitoid:sha1 and dirHash"),
        };
        if (!ok)
        {
            throw new CilockException("CIL1030", $"malformed {algorithm} digest value");
        }
    }

    private static bool IsLowerHex(string s, int length) =>
        s.Length == length && s.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

/// <summary>How two digest sets are compared (spec statement-and-collection.md §7).</summary>
public enum DigestEquality
{
    /// <summary>W12/cilock: the strongest hash present must be shared and equal (the default).</summary>
    Strict,

    /// <summary>W10: any shared algorithm suffices (allows downgrade).</summary>
    Lenient,
}

/// <summary>Reads and writes a <see cref="DigestSet"/> as a JSON object of strings (sorted keys on write).</summary>
internal sealed class DigestSetJsonConverter : JsonConverter<DigestSet>
{
    public override DigestSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return DigestSet.Empty;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a digest set must be a JSON object");
        }

        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"digest '{name}' must be a string");
            }

            pairs.Add(new(name, reader.GetString()!));
        }

        try
        {
            return DigestSet.Create(pairs);
        }
        catch (CilockException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, DigestSet value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (k, v) in value)
        {
            writer.WriteString(k, v);
        }

        writer.WriteEndObject();
    }
}
