using System.Text;

namespace Cilock.Fuzz;

/// <summary>
/// Byte-level and JSON-aware mutations (no coverage feedback): bit flips, interesting bytes, chunk insert/delete/
/// duplicate, splicing two corpus entries, and tokens that stress JSON/Rego/zip readers (deep nesting, duplicate
/// members, huge numbers, escapes, surrogates).
/// </summary>
internal sealed class Mutator(Random random)
{
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "0", "-0", "1e999", "-1e-999", "18446744073709551616",
            "\"\\u0000\"", "\"\\ud800\"", "\"\\\\\"", "\"payload\":", "\"signatures\":[]", "\"sig\":\"\"", "\"payloadType\":",
            "\"predicateType\":", "\"subject\":", "\"predicate\":", "\"attestations\":", "\"digest\":{\"sha512\":\"00\"}",
            "\"merkleRoot\":", "\"leaves\":", "\"treeSize\":-1", "\"starttime\":\"9999-99-99T99:99:99Z\"", "\"expires\":",
            "\"steps\":", "\"regopolicies\":", "====", "-_", "package p\n", "deny contains x if {", "import rego.v1\n",
            "some x in ", "every x in y {", "walk(input, [p, v])", "sprintf(\"%v\", [", "regex.match(\"(a+)+$\", ",
            "[x | x := numbers.range(1, 100000000)[_]]", "PK\u0003\u0004", "PK\u0001\u0002", "PK\u0005\u0006", "../", "..\\",
            "/etc/passwd", "\u0000", "\r\n", "\uFEFF", "\u2028",
        }.Select(Encoding.UTF8.GetBytes),
        Enumerable.Repeat((byte)'[', 300).ToArray(),
        Enumerable.Repeat((byte)'{', 300).ToArray(),
    ];

    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'"', (byte)'\\', (byte)'{', (byte)'[', (byte)'0', (byte)'9', (byte)'='];

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus, int maxLength)
    {
        var data = new List<byte>(input);
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            switch (random.Next(10))
            {
                case 0 when data.Count > 0:
                    var bit = random.Next(data.Count * 8);
                    data[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1 when data.Count > 0:
                    data[random.Next(data.Count)] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2 when data.Count > 0:
                    var start = random.Next(data.Count);
                    data.RemoveRange(start, Math.Min(data.Count - start, 1 + random.Next(32)));
                    break;
                case 3:
                    data.InsertRange(random.Next(data.Count + 1), Tokens[random.Next(Tokens.Length)]);
                    break;
                case 4 when data.Count > 1:
                    var from = random.Next(data.Count);
                    var len = Math.Min(data.Count - from, 1 + random.Next(64));
                    data.InsertRange(random.Next(data.Count + 1), data.GetRange(from, len));
                    break;
                case 5 when corpus.Count > 1:
                    var other = corpus[random.Next(corpus.Count)];
                    if (other.Length > 0)
                    {
                        var cut = random.Next(data.Count + 1);
                        var otherCut = random.Next(other.Length);
                        data.RemoveRange(cut, data.Count - cut);
                        data.AddRange(other.AsSpan(otherCut).ToArray());
                    }

                    break;
                case 6 when data.Count > 0:
                    var truncateAt = random.Next(data.Count);
                    data.RemoveRange(truncateAt, data.Count - truncateAt);
                    break;
                case 7 when data.Count > 0:
                    // replace a quoted string's content with a token (keeps JSON shape more often than raw edits)
                    var quote = data.IndexOf((byte)'"', random.Next(data.Count));
                    if (quote >= 0)
                    {
                        data.InsertRange(quote + 1, Tokens[random.Next(Tokens.Length)]);
                    }

                    break;
                case 8 when data.Count > 0:
                    var digitAt = random.Next(data.Count);
                    data[digitAt] = (byte)('0' + random.Next(10));
                    break;
                default:
                    data.InsertRange(random.Next(data.Count + 1), Tokens[random.Next(Tokens.Length)]);
                    break;
            }
        }

        if (data.Count > maxLength)
        {
            data.RemoveRange(maxLength, data.Count - maxLength);
        }

        return [.. data];
    }
}
