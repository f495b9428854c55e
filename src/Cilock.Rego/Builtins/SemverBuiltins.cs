using System.Numerics;
using System.Text.RegularExpressions;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Semantic Versioning 2.0.0: <c>semver.is_valid</c> and <c>semver.compare</c>.</summary>
internal static partial class SemverBuiltins
{
    [GeneratedRegex(@"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex Pattern();

    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("semver.is_valid", 1, (_, a) => B(a[0] is StringValue s && Pattern().IsMatch(s.Value) && !s.Value.StartsWith('v')));
        t.Add("semver.compare", 2, (_, a) => N(Compare(Parse(Str(a, 0)), Parse(Str(a, 1)))));
    }

    private static Match Parse(string s) => Pattern().Match(s) is { Success: true } m && !s.StartsWith('v')
        ? m
        : throw new BuiltinException($"string \"{s}\" is not a valid SemVer");

    private static int Compare(Match x, Match y)
    {
        for (var i = 1; i <= 3; i++)
        {
            var c = BigInteger.Parse(x.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture)
                .CompareTo(BigInteger.Parse(y.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        var px = x.Groups[4].Success ? x.Groups[4].Value : null;
        var py = y.Groups[4].Success ? y.Groups[4].Value : null;
        if (px is null || py is null)
        {
            return px is null && py is null ? 0 : px is null ? 1 : -1;
        }

        var ax = px.Split('.');
        var ay = py.Split('.');
        for (var i = 0; i < Math.Min(ax.Length, ay.Length); i++)
        {
            var nx = BigInteger.TryParse(ax[i], out var ix);
            var ny = BigInteger.TryParse(ay[i], out var iy);
            var c = nx && ny ? ix.CompareTo(iy) : nx ? -1 : ny ? 1 : string.CompareOrdinal(ax[i], ay[i]);
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        return ax.Length.CompareTo(ay.Length);
    }
}
