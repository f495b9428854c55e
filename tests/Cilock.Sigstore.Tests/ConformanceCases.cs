using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

/// <summary>The Sigstore conformance bundle-verify cases in ../shared (folder name <c>*_fail</c> = must fail).</summary>
internal static class ConformanceCases
{
    public const string Relative = "conformance/sigstore/bundle-verify";

    /// <summary>Case names; a single "(absent)" row when ../shared is missing so the test goes Inconclusive.</summary>
    public static IEnumerable<object[]> Names()
    {
        var root = SharedData.SharedRoot;
        var dir = root is null ? null : Path.Combine(root, Relative);
        if (dir is null || !Directory.Exists(dir))
        {
            return [["(absent)"]];
        }

        return Directory.GetDirectories(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => new object[] { n! });
    }

    public static string Folder(string name)
    {
        if (name == "(absent)")
        {
            throw new AssertInconclusiveException($"../shared/{Relative} is absent; skipped");
        }

        return SharedData.Locate(Path.Combine(Relative, name));
    }
}
