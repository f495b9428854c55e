using Cilock.Gate.Diagnostics;
using Cilock.Gate.Publishing;
using Cilock.TestUtilities;

namespace Cilock.Gate.Tests.Publishing;

[TestClass]
public sealed class NuGetApiKeyResolverTests
{
    [TestMethod]
    public void Resolve_NamedVariableSet_UsesItAndHidesItInToString()
    {
        using var temp = new TempDirectory();

        var key = NuGetApiKeyResolver.Resolve("MY_KEY", "https://feed.example/v3/index.json", temp.Path, out var notes, n => n == "MY_KEY" ? "s3cr3t-value" : null);

        Assert.IsNotNull(key);
        Assert.AreEqual("s3cr3t-value", key.Reveal());
        Assert.IsFalse(key.ToString().Contains("s3cr3t", StringComparison.Ordinal));
        StringAssert.Contains(key.Origin, "MY_KEY");
        Assert.AreEqual(0, notes.Count);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    public void Resolve_NoVariableName_ReadsNuGetApiKey(string? name)
    {
        using var temp = new TempDirectory();

        var key = NuGetApiKeyResolver.Resolve(name, "https://feed.example/", temp.Path, out _, n => n == NuGetApiKeyResolver.DefaultEnvironmentVariable ? "default-key" : null);

        Assert.AreEqual("default-key", key?.Reveal());
    }

    [TestMethod]
    public void Resolve_NothingConfigured_ReturnsNull()
    {
        using var temp = new TempDirectory();

        var key = NuGetApiKeyResolver.Resolve(null, "https://feed.example/", temp.Path, out var notes, _ => null);

        Assert.IsNull(key);
        Assert.AreEqual(0, notes.Count);
    }

    [TestMethod]
    public void Resolve_EncryptedConfigKeyUnreadable_WarnsWithoutValue()
    {
        using var temp = new TempDirectory();
        const string stored = "AQAAANCMnd8BFdERjHoAwE-not-decryptable";
        temp.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <apikeys><add key="https://feed.example/" value="{stored}" /></apikeys>
            </configuration>
            """);

        var key = NuGetApiKeyResolver.Resolve(null, "https://feed.example/", temp.Path, out var notes, _ => null);

        Assert.IsNull(key);
        var note = notes.Single();
        Assert.AreEqual(GateDiagnostics.ApiKeyUnavailable, note.Code);
        Assert.IsFalse(note.Message.Contains(stored, StringComparison.Ordinal));
    }
}
