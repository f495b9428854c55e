using System.Text;
using System.Text.Json.Nodes;
using Cilock.Reports.Sarif;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class SarifNormalizerTests
{
    private static readonly SarifNormalizer Unix = new(new SarifNormalizerOptions
    {
        RepositoryRoot = "/work/ws",
        NamedRoots = new Dictionary<string, string> { ["NUGET"] = "/home/u/.nuget/packages", ["DOTNET"] = "/usr/share/dotnet" },
        HomeDirectory = "/home/u",
        Category = "Lib/net10.0",
    });

    private static readonly SarifNormalizer Windows = new(new SarifNormalizerOptions
    {
        RepositoryRoot = @"C:\src\ws",
        NamedRoots = new Dictionary<string, string> { ["NUGET"] = @"C:\Users\u\.nuget\packages" },
        HomeDirectory = @"C:\Users\u",
    });

    private static JsonObject Log(params JsonObject[] locations) => SarifDocument.Parse(Encoding.UTF8.GetBytes(new JsonObject
    {
        ["version"] = "2.1.0",
        ["runs"] = new JsonArray(new JsonObject
        {
            ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = "csc" } },
            ["results"] = new JsonArray([.. locations.Select(l => (JsonNode)new JsonObject
            {
                ["ruleId"] = "CS0169",
                ["message"] = new JsonObject { ["text"] = "m" },
                ["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = new JsonObject { ["artifactLocation"] = l } }),
            })]),
        }),
    }.ToJsonString()), "t.sarif");

    private static JsonObject Location(string uri, string? baseId = null)
    {
        var location = new JsonObject { ["uri"] = uri };
        if (baseId is not null)
        {
            location["uriBaseId"] = baseId;
        }

        return location;
    }

    private static JsonObject FirstLocation(JsonObject log) =>
        log["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!.AsObject();

    [TestMethod]
    [DataRow("file:///work/ws/src/Lib/A.cs", "src/Lib/A.cs", DisplayName = "file URI")]
    [DataRow("/work/ws/src/Lib/A.cs", "src/Lib/A.cs", DisplayName = "absolute path")]
    [DataRow("file:///work/ws/src/My%20Lib/A%2BB.cs", "src/My%20Lib/A%2BB.cs", DisplayName = "escaped URI")]
    [DataRow("file:///work/ws/src/./x/../A.cs", "src/A.cs", DisplayName = "dot segments")]
    [DataRow("file://localhost/work/ws/A.cs", "A.cs", DisplayName = "localhost authority")]
    public void Normalize_UnixPathInsideRepository_RelativeToSrcRoot(string uri, string expected)
    {
        var location = FirstLocation(Unix.Normalize(Log(Location(uri))));

        Assert.AreEqual(expected, location["uri"]!.GetValue<string>());
        Assert.AreEqual("%SRCROOT%", location["uriBaseId"]!.GetValue<string>());
    }

    [TestMethod]
    [DataRow(@"C:\src\ws\src\Lib\A.cs", DisplayName = "backslashes")]
    [DataRow("file:///C:/src/ws/src/Lib/A.cs", DisplayName = "file URI")]
    [DataRow("file:///c:/SRC/WS/src/Lib/A.cs", DisplayName = "other case")]
    [DataRow("C:/src/ws/src/Lib/A.cs", DisplayName = "forward slashes")]
    public void Normalize_WindowsPathInsideRepository_RelativeToSrcRoot(string uri)
    {
        var location = FirstLocation(Windows.Normalize(Log(Location(uri))));

        Assert.AreEqual("src/Lib/A.cs", location["uri"]!.GetValue<string>());
        Assert.AreEqual("%SRCROOT%", location["uriBaseId"]!.GetValue<string>());
    }

    [TestMethod]
    [DataRow("file:///home/u/.nuget/packages/x/1.0.0/analyzers/A.dll", "NUGET", "x/1.0.0/analyzers/A.dll")]
    [DataRow("/usr/share/dotnet/packs/Ref/A.dll", "DOTNET", "packs/Ref/A.dll")]
    [DataRow("/opt/elsewhere/Secret.cs", "EXTERNAL", "Secret.cs")]
    [DataRow("/work/ws2/A.cs", "EXTERNAL", "A.cs")]
    public void Normalize_PathOutsideRepository_NamedBaseWithoutMachinePath(string uri, string baseId, string expected)
    {
        var log = Unix.Normalize(Log(Location(uri)));
        var location = FirstLocation(log);

        Assert.AreEqual(expected, location["uri"]!.GetValue<string>());
        Assert.AreEqual(baseId, location["uriBaseId"]!.GetValue<string>());
        var bases = log["runs"]![0]!["originalUriBaseIds"]!.AsObject();
        Assert.IsTrue(bases.ContainsKey(baseId));
        Assert.IsNull(bases[baseId]!["uri"], "a base id never records the machine path");
        Assert.DoesNotContain("/home/u", log.ToJsonString());
        Assert.DoesNotContain("/opt/elsewhere", log.ToJsonString());
    }

    [TestMethod]
    [DataRow("src/A.cs", null, DisplayName = "relative, no base")]
    [DataRow("src/A.cs", "%SRCROOT%", DisplayName = "already normalised")]
    [DataRow("https://example.com/rules/CA1000", null, DisplayName = "https")]
    public void Normalize_AlreadyPortableUri_Unchanged(string uri, string? baseId)
    {
        var location = FirstLocation(Unix.Normalize(Log(Location(uri, baseId))));

        Assert.AreEqual(uri, location["uri"]!.GetValue<string>());
        Assert.AreEqual(baseId, location["uriBaseId"]?.GetValue<string>());
    }

    [TestMethod]
    public void Normalize_ProducerBaseIdWithMachinePath_ResolvedAndReplaced()
    {
        var log = Log(Location("src/A.cs", "SRC"));
        log["runs"]![0]!["originalUriBaseIds"] = new JsonObject { ["SRC"] = new JsonObject { ["uri"] = "file:///work/ws/" } };

        var normalized = Unix.Normalize(log);

        var location = FirstLocation(normalized);
        Assert.AreEqual("src/A.cs", location["uri"]!.GetValue<string>());
        Assert.AreEqual("%SRCROOT%", location["uriBaseId"]!.GetValue<string>());
        Assert.IsFalse(normalized["runs"]![0]!["originalUriBaseIds"]!.AsObject().ContainsKey("SRC"));
    }

    [TestMethod]
    public void Normalize_FreeText_ScrubsRootNamedFoldersAndHome()
    {
        var log = Log(Location("file:///work/ws/A.cs"));
        var run = log["runs"]![0]!.AsObject();
        run["results"]![0]!["message"]!["text"] = "cannot load /home/u/.nuget/packages/x/1.0/a.dll for /work/ws/src/A.cs; see /home/u/notes.txt";
        run["invocations"] = new JsonArray(new JsonObject { ["commandLine"] = @"csc /work/ws/src/A.cs /out:/work/ws/obj/x.dll", ["executionSuccessful"] = true });

        var text = Unix.Normalize(log).ToJsonString();

        Assert.DoesNotContain("/work/ws", text);
        Assert.DoesNotContain("/home/u", text);
        StringAssert.Contains(text, "cannot load %NUGET%/x/1.0/a.dll for src/A.cs; see ~/notes.txt");
        StringAssert.Contains(text, "csc src/A.cs /out:obj/x.dll");
    }

    [TestMethod]
    public void Normalize_EveryArtifactLocation_RewrittenNotOnlyResults()
    {
        var log = Log(Location("file:///work/ws/A.cs"));
        var run = log["runs"]![0]!.AsObject();
        run["artifacts"] = new JsonArray(new JsonObject { ["location"] = Location("file:///work/ws/B.cs") });
        run["results"]![0]!["relatedLocations"] = new JsonArray(new JsonObject { ["physicalLocation"] = new JsonObject { ["artifactLocation"] = Location("/work/ws/C.cs") } });

        var normalized = Unix.Normalize(log);

        Assert.AreEqual("B.cs", normalized["runs"]![0]!["artifacts"]![0]!["location"]!["uri"]!.GetValue<string>());
        Assert.AreEqual("C.cs", normalized["runs"]![0]!["results"]![0]!["relatedLocations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
    }

    [TestMethod]
    public void Normalize_Twice_SameResult()
    {
        var once = Unix.Normalize(Log(Location("file:///work/ws/A.cs"), Location("/opt/x/B.cs")));

        var twice = Unix.Normalize(once);

        Assert.AreEqual(once.ToJsonString(), twice.ToJsonString());
    }

    [TestMethod]
    public void Normalize_Category_SetsAutomationDetailsOnlyWhenAbsent()
    {
        var log = Log(Location("A.cs"));
        Assert.AreEqual("Lib/net10.0/", Unix.Normalize(log)["runs"]![0]!["automationDetails"]!["id"]!.GetValue<string>());

        log["runs"]![0]!["automationDetails"] = new JsonObject { ["id"] = "mine/1" };
        Assert.AreEqual("mine/1", Unix.Normalize(log)["runs"]![0]!["automationDetails"]!["id"]!.GetValue<string>());
    }

    [TestMethod]
    public void Normalize_DoesNotModifyInput()
    {
        var log = Log(Location("file:///work/ws/A.cs"));
        var before = log.ToJsonString();

        _ = Unix.Normalize(log);

        Assert.AreEqual(before, log.ToJsonString());
    }

    [TestMethod]
    public void Constructor_RelativeRoot_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new SarifNormalizer(new SarifNormalizerOptions { RepositoryRoot = "relative/root" }));
}
