using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Tests.InToto;

[TestClass]
public sealed class DigestSetTests
{
    private const string A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string B1 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string C1 = "cccccccccccccccccccccccccccccccccccccccc";
    private const string G = "gitoid:sha256=gitoid:blob:sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";

    // Spec statement-and-collection.md §7 truth table: A, B, lenient (W10), strict (W12/CL).
    [TestMethod]
    [DataRow("sha256=" + A, "sha256=" + A, true, true)]
    [DataRow("sha256=" + A + ";sha1=" + B1, "sha1=" + B1, true, false)]
    [DataRow("sha256=" + A + ";" + G, "sha256=" + A, true, true)]
    [DataRow("sha256=" + A, G, false, false)]
    [DataRow("sha256=" + A + ";sha1=" + B1, "sha256=" + A + ";sha1=" + C1, false, false)]
    [DataRow("", "", false, false)]
    public void Matches_SpecTruthTable(string a, string b, bool lenient, bool strict)
    {
        var left = Parse(a);
        var right = Parse(b);
        Assert.AreEqual(lenient, left.Matches(right, DigestEquality.Lenient), "lenient");
        Assert.AreEqual(strict, left.Matches(right, DigestEquality.Strict), "strict");
        Assert.AreEqual(strict, right.Matches(left, DigestEquality.Strict), "strict is symmetric");
    }

    [TestMethod]
    [DataRow("sha512", "abcd")]
    [DataRow("sha256", "ABCDEF")]
    [DataRow("sha1", "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")]
    public void Create_UnknownKeyOrBadValue_ThrowsCil1030(string alg, string value)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => DigestSet.Create([new(alg, value)]));
        Assert.AreEqual("CIL1030", e.Code);
    }

    private static DigestSet Parse(string spec) =>
        DigestSet.Create(spec.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var i = p.IndexOf('=');
            return new KeyValuePair<string, string>(p[..i], p[(i + 1)..]);
        }));
}
