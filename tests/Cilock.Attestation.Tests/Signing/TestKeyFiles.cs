using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Signing;

/// <summary>The checked-in public keys of <c>TestKeys/</c> (see its SOURCES.md).</summary>
internal static class TestKeyFiles
{
    public static string Path(string name) =>
        System.IO.Path.Combine(SharedData.RepositoryRoot, "tests", "Cilock.Attestation.Tests", "TestKeys", name);

    public static string Read(string name) => File.ReadAllText(Path(name));
}
