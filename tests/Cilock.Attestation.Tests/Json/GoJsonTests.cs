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

    [TestMethod]
    [DataRow("a<b>&c", "a\\u003cb\\u003e\\u0026c")]
    [DataRow("1+1='2'", "1+1='2'")]
    [DataRow("q\"b\\s", "q\\\"b\\\\s")]
    [DataRow("\b\f\n\r\t", "\\b\\f\\n\\r\\t")]
    [DataRow("\u0001\u001f\u007f", "\\u0001\\u001f\u007f")]
    [DataRow("\u2028\u2029 é 😀", "\\u2028\\u2029 é 😀")]
    public void ToJsonBytes_Strings_EscapedExactlyLikeGo(string value, string goLiteral)
    {
        // Expected literals are what Go 1.22+ json.Marshal writes for the same string.
        var statement = new Statement("https://example.com/p", [], new JsonObject { ["v"] = value });
        var text = Encoding.UTF8.GetString(statement.ToJsonBytes());
        StringAssert.Contains(text, "\"v\":\"" + goLiteral + "\"", StringComparison.Ordinal);
        Assert.AreEqual(value, CollectionReader.ReadStatement(statement.ToJsonBytes()).Predicate!["v"]!.GetValue<string>());
    }

    [TestMethod]
    public void EnvelopeAndStatementWriters_SameEscaping()
    {
        const string value = "<&>\b+'\u2028\u0002";
        var envelope = new Cilock.Attestation.Dsse.DsseEnvelope(value, [], []);
        var statement = Encoding.UTF8.GetString(new Statement("https://example.com/p", [], new JsonObject { ["v"] = value }).ToJsonBytes());
        var literal = envelope.ToJson().Split("\"payloadType\":")[1].Split(",\"signatures\"")[0];
        StringAssert.Contains(statement, "\"v\":" + literal, StringComparison.Ordinal);
    }
}
