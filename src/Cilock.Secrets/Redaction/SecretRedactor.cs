using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.InToto;

namespace Cilock.Secrets.Redaction;

/// <summary>
/// Replaces every detected secret (and every detected encoded form of one) in recorded text with a marker naming the
/// rule and a digest prefix, e.g. <c>[REDACTED:github-pat:sha256=ab12cd34]</c>. Built by the scanner from its
/// findings (<see cref="Attestors.SecretScanAttestor.Redactor"/>, <see cref="LiveRedactingWriter"/>); applied to the
/// statement after the secretscan attestor ran and before the collection is signed.
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>Shorter texts are not redacted: they would hit unrelated text everywhere (same floor as env values).</summary>
    internal const int MinimumLength = 4;

    // Longest first, so a secret that contains another detected secret is replaced whole.
    private readonly RedactionTarget[] _targets;

    internal SecretRedactor(IEnumerable<RedactionTarget> targets)
    {
        var byText = new Dictionary<string, RedactionTarget>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            foreach (var text in Forms(target.Text))
            {
                if (text.Length >= MinimumLength)
                {
                    byText.TryAdd(text, target with { Text = text });
                }
            }
        }

        _targets = [.. byText.Values.OrderByDescending(t => t.Text.Length).ThenBy(t => t.Text, StringComparer.Ordinal)];
    }

    /// <summary>A redactor that changes nothing.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>How many distinct texts are redacted.</summary>
    public int Count => _targets.Length;

    /// <summary>Whether there is nothing to redact.</summary>
    public bool IsEmpty => _targets.Length == 0;

    /// <summary>Both redactors' texts.</summary>
    public SecretRedactor Merge(SecretRedactor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.IsEmpty ? this : IsEmpty ? other : new SecretRedactor(_targets.Concat(other._targets));
    }

    /// <summary><paramref name="text"/> with every redacted text replaced by its marker.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var target in _targets)
        {
            if (text.Contains(target.Text, StringComparison.Ordinal))
            {
                text = text.Replace(target.Text, target.Marker, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>
    /// A copy of <paramref name="node"/> with every string value redacted. Digest values (members named like a digest
    /// algorithm) are left alone: a short secret may occur inside a hex digest, and changing it would break verification.
    /// Member names are not changed (a rename could collide with another member).
    /// </summary>
    public JsonNode? Redact(JsonNode? node)
    {
        if (node is null || IsEmpty)
        {
            return node?.DeepClone();
        }

        var copy = node.DeepClone();
        return RedactInPlace(copy, null) ?? copy;
    }

    /// <summary>
    /// <paramref name="statement"/> with its predicate (the attestation collection) redacted; the same instance when
    /// there is nothing to redact. Subjects are kept: they name files and digests the evidence must still link to.
    /// </summary>
    public Statement Redact(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return IsEmpty ? statement : new Statement(statement.PredicateType, statement.Subjects, Redact(statement.Predicate), statement.Type);
    }

    /// <summary>Redacts string values under <paramref name="node"/>; returns a replacement for a string node itself.</summary>
    private JsonNode? RedactInPlace(JsonNode node, string? memberName)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is not null && RedactInPlace(child, name) is { } replacement)
                    {
                        obj[name] = replacement;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child && RedactInPlace(child, null) is { } replacement)
                    {
                        array[i] = replacement;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String
                && (memberName is null || !DigestSet.IsKnownAlgorithm(memberName)):
                var text = value.GetValue<string>();
                var redacted = Redact(text);
                return ReferenceEquals(text, redacted) ? null : JsonValue.Create(redacted);
            default:
                return null;
        }
    }

    /// <summary>
    /// The text plus, when it was found inside serialized JSON (other attestors are scanned as JSON text), its
    /// unescaped form, which is what the string values of the statement hold.
    /// </summary>
    private static IEnumerable<string> Forms(string text)
    {
        yield return text;
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            yield break;
        }

        string? unescaped = null;
        try
        {
            unescaped = JsonSerializer.Deserialize<string>("\"" + text.TrimEnd('\\') + "\"");
        }
        catch (JsonException)
        {
            // Not an escaped JSON fragment (e.g. a quote inside): the raw form is all there is.
        }

        if (unescaped is not null && unescaped != text)
        {
            yield return unescaped;
        }
    }
}
