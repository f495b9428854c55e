using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Tests.Json;

[TestClass]
public sealed class GoJsonTests
{
    [TestMethod]
    public void ParseNode_DuplicateMembers_LastWins()
    {
        var node = GoJson.ParseNode("""{"a":1,"a":2}"""u8.ToArray());
        Assert.AreEqual("2", node!["a"]!.ToJsonString());
    }

    [TestMethod]
    public void Get_CaseInsensitiveDuplicates_LastWins()
    {
        var node = GoJson.ParseNode("""{"name":"first","NAME":"second"}"""u8.ToArray());
        Assert.AreEqual("second", GoJson.GetString(node, "Name"));
    }

    [TestMethod]
    public void GetInt64_Fraction_Throws() =>
        Assert.ThrowsExactly<System.Text.Json.JsonException>(() => GoJson.GetInt64(JsonNode.Parse("""{"n":1.5}"""), "n"));

    [TestMethod]
    public void ToJsonBytes_HtmlCharactersEscapedNonAsciiRaw()
    {
        var statement = new Statement("https://example.com/p", [], new JsonObject { ["cmd"] = "a<b>&c é" });
        var text = Encoding.UTF8.GetString(statement.ToJsonBytes());
        StringAssert.Contains(text, "a\\u003Cb\\u003E\\u0026c é", StringComparison.OrdinalIgnoreCase);
        Assert.AreEqual("a<b>&c é", CollectionReader.ReadStatement(statement.ToJsonBytes()).Predicate!["cmd"]!.GetValue<string>());
    }
}
