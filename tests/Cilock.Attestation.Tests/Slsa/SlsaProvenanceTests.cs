using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Slsa;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Tests.Slsa;

[TestClass]
public sealed class SlsaProvenanceTests
{
    // go-witness attestation/slsa/slsa_test.go testGHProvJSON (its MarshalIndent output, compacted): the Witness shape
    // of these inputs, member order and omission of the protobuf struct through encoding/json.
    private const string WitnessVector =
        """{"build_definition":{"build_type":"https://witness.dev/slsa-build@v0.1","external_parameters":{"command":"touch test.txt"},"internal_parameters":{"env":{"SHELL":"/bin/zsh","TERM":"xterm-256color","TERM_PROGRAM":"iTerm.app"}},"resolved_dependencies":[{"name":"git@github.com:in-toto/witness.git","digest":{"sha1":"abc123"}}]},"run_details":{"builder":{"id":"https://witness.dev/witness-github-action-builder@v0.1"},"metadata":{"invocation_id":"https://github.com/testifysec/swf/actions/runs/7879307166","started_on":{"seconds":1711199861,"nanos":560152000},"finished_on":{"seconds":1711199861,"nanos":560152000}}}}""";

    // The same inputs in rookery's struct (plugins/attestors/slsa, attestation/intoto/provenance): camelCase, Go
    // time.Time as RFC 3339 with trailing zeros trimmed.
    private const string CilockVector =
        """{"buildDefinition":{"buildType":"https://aflock.ai/slsa-build@v0.1","externalParameters":{"command":"touch test.txt"},"internalParameters":{"env":{"SHELL":"/bin/zsh","TERM":"xterm-256color","TERM_PROGRAM":"iTerm.app"}},"resolvedDependencies":[{"name":"git@github.com:in-toto/witness.git","digest":{"sha1":"abc123"}}]},"runDetails":{"builder":{"id":"https://aflock.ai/attestation-github-action-builder@v0.1"},"metadata":{"invocationId":"https://github.com/testifysec/swf/actions/runs/7879307166","startedOn":"2024-03-23T13:17:41.560152Z","finishedOn":"2024-03-23T13:17:41.560152Z"}}}""";

    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(1711199861).AddTicks(5_601_520);

    [TestMethod]
    [DataRow(Dialect.Witness, WitnessVector)]
    [DataRow(Dialect.Cilock, CilockVector)]
    public void ToJson_GoTestInputs_ByteExactPerDialect(Dialect dialect, string expected)
    {
        var json = GoJson.ToBytes(VectorInputs(dialect).ToJson(dialect));

        Assert.AreEqual(expected, Encoding.UTF8.GetString(json));
    }

    [TestMethod]
    public void ToJson_EmptyMembers_OmittedAsEachGoStructOmitsThem()
    {
        // Attestor output with nothing to draw from: internalParameters is a set (empty) struct in Witness' protobuf
        // and an empty map (omitted) in cilock; builder and metadata pointers are always set.
        var empty = new SlsaProvenance { InternalParameters = [] };

        Assert.AreEqual(
            """{"build_definition":{"internal_parameters":{}},"run_details":{"builder":{},"metadata":{}}}""",
            Encoding.UTF8.GetString(GoJson.ToBytes(empty.ToJson(Dialect.Witness))));
        Assert.AreEqual(
            """{"buildDefinition":{"buildType":""},"runDetails":{"builder":{"id":""},"metadata":{}}}""",
            Encoding.UTF8.GetString(GoJson.ToBytes(empty.ToJson(Dialect.Cilock))));
    }

    [TestMethod]
    public void ToJson_AllDescriptorMembers_GoOrderAndCasing()
    {
        var provenance = new SlsaProvenance
        {
            BuildType = "t",
            BuilderId = "b",
            BuilderVersion = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" },
            Byproducts = [new SlsaResourceDescriptor { Name = "log", Uri = "u", Digest = new Dictionary<string, string> { ["sha256"] = "00" }, Content = "aGk=", DownloadLocation = "d", MediaType = "text/plain", Annotations = new JsonObject { ["y"] = 1, ["x"] = "<&>" } }],
            StartedOn = DateTimeOffset.UnixEpoch,
        };

        Assert.AreEqual(
            """{"build_definition":{"build_type":"t"},"run_details":{"builder":{"id":"b","version":{"a":"2","z":"1"}},"metadata":{"started_on":{}},"byproducts":[{"name":"log","uri":"u","digest":{"sha256":"00"},"content":"aGk=","download_location":"d","media_type":"text/plain","annotations":{"x":"\u003c\u0026\u003e","y":1}}]}}""",
            Encoding.UTF8.GetString(GoJson.ToBytes(provenance.ToJson(Dialect.Witness))));
        Assert.AreEqual(
            """{"buildDefinition":{"buildType":"t"},"runDetails":{"builder":{"id":"b","version":{"a":"2","z":"1"}},"metadata":{"startedOn":"1970-01-01T00:00:00Z"},"byproducts":[{"name":"log","uri":"u","digest":{"sha256":"00"},"content":"aGk=","downloadLocation":"d","mediaType":"text/plain","annotations":{"x":"\u003c\u0026\u003e","y":1}}]}}""",
            Encoding.UTF8.GetString(GoJson.ToBytes(provenance.ToJson(Dialect.Cilock))));
    }

    [TestMethod]
    public void ToJson_TimeBeforeEpoch_ProtobufNormalizedSecondsAndNanos()
    {
        var provenance = new SlsaProvenance { StartedOn = DateTimeOffset.UnixEpoch.AddTicks(-1) };

        var started = provenance.ToJson(Dialect.Witness)["run_details"]!["metadata"]!["started_on"]!;

        Assert.AreEqual(-1L, (long)started["seconds"]!);
        Assert.AreEqual(999_999_900L, (long)started["nanos"]!);
        Assert.AreEqual(provenance.StartedOn, SlsaProvenance.FromJson(SlsaUris.CollectionPredicateType, provenance.ToJson(Dialect.Witness)).StartedOn);
    }

    [TestMethod]
    [DataRow(SlsaUris.CollectionPredicateType, WitnessVector, Dialect.Witness)]
    [DataRow(SlsaUris.CollectionPredicateType, CilockVector, Dialect.Cilock)]
    [DataRow(SlsaUris.SpecPredicateType, WitnessVector, Dialect.Witness)]
    [DataRow(SlsaUris.SpecPredicateType, CilockVector, Dialect.Cilock)]
    public void FromJson_BothUrisBothShapes_ReadsEveryMember(string type, string json, Dialect dialect)
    {
        var provenance = SlsaProvenance.FromJson(type, JsonNode.Parse(json));

        Assert.AreEqual(SlsaUris.BuildType(dialect), provenance.BuildType);
        Assert.AreEqual(SlsaUris.BuilderId(SlsaBuilderKind.GitHubAction, dialect), provenance.BuilderId);
        Assert.AreEqual(SlsaBuilderKind.GitHubAction, SlsaUris.KindOf(provenance.BuilderId));
        Assert.AreEqual("touch test.txt", provenance.Command);
        Assert.AreEqual("iTerm.app", (string?)provenance.InternalParameters!["env"]!["TERM_PROGRAM"]);
        Assert.AreEqual("git@github.com:in-toto/witness.git", provenance.ResolvedDependencies.Single().Name);
        Assert.AreEqual("abc123", provenance.ResolvedDependencies.Single().Digest["sha1"]);
        Assert.AreEqual("https://github.com/testifysec/swf/actions/runs/7879307166", provenance.InvocationId);
        Assert.AreEqual(VectorTime, provenance.StartedOn);
        Assert.AreEqual(VectorTime, provenance.FinishedOn);

        // Decoding is lossless for everything the model holds: writing it back gives the same bytes.
        Assert.AreEqual(json, Encoding.UTF8.GetString(GoJson.ToBytes(provenance.ToJson(dialect))));
    }

    [TestMethod]
    public void FromJson_ProtojsonStyleWitness_ReadsRfc3339StringsUnderSnakeCase()
    {
        var json = JsonNode.Parse("""{"build_definition":{"build_type":"x"},"run_details":{"metadata":{"started_on":"2024-03-23T13:17:41.560152Z","finished_on":{"seconds":1711199861}}}}""");

        var provenance = SlsaProvenance.FromJson(SlsaUris.CollectionPredicateType, json);

        Assert.AreEqual(VectorTime, provenance.StartedOn);
        Assert.AreEqual(DateTimeOffset.FromUnixTimeSeconds(1711199861), provenance.FinishedOn);
    }

    [TestMethod]
    [DataRow("https://slsa.dev/provenance/v0.2", """{}""")]
    [DataRow(SlsaUris.CollectionPredicateType, """[]""")]
    [DataRow(SlsaUris.CollectionPredicateType, """{"buildDefinition":"x"}""")]
    [DataRow(SlsaUris.CollectionPredicateType, """{"buildDefinition":{"resolvedDependencies":{}}}""")]
    [DataRow(SlsaUris.CollectionPredicateType, """{"buildDefinition":{"resolvedDependencies":[{"digest":{"sha256":1}}]}}""")]
    [DataRow(SlsaUris.CollectionPredicateType, """{"runDetails":{"metadata":{"startedOn":"yesterday"}}}""")]
    [DataRow(SlsaUris.CollectionPredicateType, """{"run_details":{"metadata":{"started_on":{"seconds":1,"nanos":1000000000}}}}""")]
    [DataRow(SlsaUris.CollectionPredicateType, """{"run_details":{"metadata":{"started_on":{"seconds":999999999999999}}}}""")]
    [DataRow(SlsaUris.SpecPredicateType, """{"runDetails":{"builder":{"id":7}}}""")]
    public void FromJson_Malformed_CodedRefusal(string type, string json)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => SlsaProvenance.FromJson(type, JsonNode.Parse(json)));

        Assert.AreEqual(SlsaDiagnostics.InvalidPredicate, e.Code);
    }

    [TestMethod]
    public void SlsaStatement_WitnessShapedSource_SpecUriV1StatementInOurVocabulary()
    {
        var source = SlsaProvenance.FromJson(SlsaUris.CollectionPredicateType, JsonNode.Parse(WitnessVector)) with { ExternalParameters = null };

        var statement = SlsaStatement.Create(source, [new Subject("HelloLib.1.0.0.nupkg", [new(DigestSet.Sha256, new string('a', 64))])]);
        var json = JsonNode.Parse(statement.ToJsonBytes())!;

        Assert.AreEqual("https://in-toto.io/Statement/v1", (string?)json["_type"]);
        Assert.AreEqual("https://slsa.dev/provenance/v1", (string?)json["predicateType"]);
        Assert.AreEqual("HelloLib.1.0.0.nupkg", (string?)json["subject"]![0]!["name"]);
        var predicate = json["predicate"]!;
        Assert.AreEqual(SlsaUris.CilockBuildType, (string?)predicate["buildDefinition"]!["buildType"]);
        Assert.AreEqual("https://aflock.ai/attestation-github-action-builder@v0.1", (string?)predicate["runDetails"]!["builder"]!["id"]);
        Assert.AreEqual("{}", predicate["buildDefinition"]!["externalParameters"]!.ToJsonString(), "SLSA v1 requires externalParameters");
        Assert.AreEqual("2024-03-23T13:17:41.560152Z", (string?)predicate["runDetails"]!["metadata"]!["startedOn"]);
        Assert.ThrowsExactly<ArgumentException>(() => SlsaStatement.Create(source, []));
    }

    [TestMethod]
    [DataRow(SlsaBuilderKind.Default, "https://aflock.ai/attestation-default-builder@v0.1", "https://witness.dev/witness-default-builder@v0.1")]
    [DataRow(SlsaBuilderKind.GitHubAction, "https://aflock.ai/attestation-github-action-builder@v0.1", "https://witness.dev/witness-github-action-builder@v0.1")]
    [DataRow(SlsaBuilderKind.GitLabComponent, "https://aflock.ai/attestation-gitlab-component-builder@v0.1", "https://witness.dev/witness-gitlab-component-builder@v0.1")]
    [DataRow(SlsaBuilderKind.JenkinsComponent, "https://aflock.ai/attestation-jenkins-component-builder@v0.1", "https://witness.dev/witness-jenkins-component-builder@v0.1")]
    [DataRow(SlsaBuilderKind.AwsCodeBuild, "https://aflock.ai/attestation-aws-codebuild-builder@v0.1", "https://witness.dev/witness-aws-codebuild-builder@v0.1")]
    public void BuilderId_EachKind_MatchesBothProductsConstants(SlsaBuilderKind kind, string cilock, string witness)
    {
        Assert.AreEqual(cilock, SlsaUris.BuilderId(kind, Dialect.Cilock));
        Assert.AreEqual(witness, SlsaUris.BuilderId(kind, Dialect.Witness));
        Assert.AreEqual(kind, SlsaUris.KindOf(cilock));
        Assert.AreEqual(kind, SlsaUris.KindOf(witness));
    }

    private static SlsaProvenance VectorInputs(Dialect dialect) => new()
    {
        BuildType = SlsaUris.BuildType(dialect),
        BuilderId = SlsaUris.BuilderId(SlsaBuilderKind.GitHubAction, dialect),
        ExternalParameters = new JsonObject { ["command"] = "touch test.txt" },
        InternalParameters = new JsonObject
        {
            // Inserted unsorted: both products write Go maps in key order.
            ["env"] = new JsonObject { ["TERM_PROGRAM"] = "iTerm.app", ["SHELL"] = "/bin/zsh", ["TERM"] = "xterm-256color" },
        },
        ResolvedDependencies = [new SlsaResourceDescriptor { Name = "git@github.com:in-toto/witness.git", Digest = new Dictionary<string, string> { ["sha1"] = "abc123" } }],
        InvocationId = "https://github.com/testifysec/swf/actions/runs/7879307166",
        StartedOn = VectorTime,
        FinishedOn = VectorTime,
    };
}
