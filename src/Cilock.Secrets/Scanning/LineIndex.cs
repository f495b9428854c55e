namespace Cilock.Secrets.Scanning;

/// <summary>Line lookups for one text, built on first use (most texts have no findings and never need it).</summary>
internal sealed class LineIndex(string text)
{
    private List<int>? _newlines;

    /// <summary>The 1-based line of <paramref name="index"/>.</summary>
    public int LineOf(int index)
    {
        var newlines = Newlines();
        var i = newlines.BinarySearch(index);
        return (i < 0 ? ~i : i) + 1;
    }

    /// <summary>The full line(s) covering [start, end).</summary>
    public string LinesAround(int start, int end)
    {
        var from = start == 0 ? 0 : text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        var to = end >= text.Length ? -1 : text.IndexOf('\n', end);
        return text[from..(to < 0 ? text.Length : to)];
    }

    private List<int> Newlines()
    {
        if (_newlines is null)
        {
            var list = new List<int>();
            var span = text.AsSpan();
            var pos = 0;
            int i;
            while ((i = span[pos..].IndexOf('\n')) >= 0)
            {
                list.Add(pos + i);
                pos += i + 1;
            }

            _newlines = list;
        }

        return _newlines;
    }
}
