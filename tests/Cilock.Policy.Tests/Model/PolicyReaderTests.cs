using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;

namespace Cilock.Policy.Tests.Model;

[TestClass]
public sealed class PolicyReaderTests
{
    // policy.md §1 composed example (values completed), plus members in odd case and unknown members.
    private const string Portable = """
        {"Expires":"2027-12-31T23:59:59.123456789Z","name":"ignored","subjectscopes":["x"],
         "PublicKeys":{"k1":{"KeyID":"k1","key":"LS0t"}},
         "roots":{"fulcio":{"certificate":"Y2VydA==","intermediates":["aW50"]}},
         "timestampAuthorities":{"tsa":{"certificate":"dHNh"}},
         "steps":{
          "build":{"name":"build",
           "functionaries":[{"type":"root","certConstraint":{"commonname":"*","dnsnames":["*"],"emails":["*"],
              "organizations":["*"],"uris":["https://github.com/acme/app/.github/workflows/ci.yml@refs/heads/main"],
              "roots":["fulcio"],"extensions":{"issuer":"https://token.actions.githubusercontent.com",
              "SourceRepositoryURI":"https://github.com/acme/app"}}}],
           "attestations":[{"type":"https://witness.dev/attestations/material/v0.1"},
                           {"type":"https://witness.dev/attestations/command-run/v0.1",
                            "regoPolicies":[{"name":"exit-zero","module":"cGFja2FnZSBleGl0X3plcm8K"}]},
                           {"type":"https://witness.dev/attestations/product/v0.1"}],
           "timestampConstraint":{"maxAge":"720h"}},
          "package":{"name":"package","artifactsFrom":["build"],
           "functionaries":[{"type":"publickey","publickeyid":"k1"}],
           "attestations":[{"type":"https://witness.dev/attestations/product/v0.1"}]}},
         "externalAttestations":{"scan":{"name":"scan","predicateType":"https://example.com/scan/v1"},
                                 "optional":{"name":"optional","predicateType":"https://example.com/x","required":false}}}
        """;

    [TestMethod]
    public void Parse_PortableExample_BindsEveryMemberCaseInsensitively()
    {
        var p = PolicyReader.Parse(Encoding.UTF8.GetBytes(Portable));

        Assert.AreEqual(new DateTimeOffset(2027, 12, 31, 23, 59, 59, 123, TimeSpan.Zero).AddTicks(4567), p.Expires);
        Assert.AreEqual("k1", p.PublicKeys!["k1"].KeyId);
        Assert.AreEqual("aW50", p.Roots!["fulcio"].Intermediates!.Single());
        Assert.AreEqual("dHNh", p.TimestampAuthorities!["tsa"].Certificate);
        var build = p.Steps!["build"];
        var constraint = build.Functionaries!.Single().CertConstraint!;
        Assert.AreEqual("https://token.actions.githubusercontent.com", constraint.Extensions!["issuer"]);
        Assert.AreEqual("exit-zero", build.Attestations![1].RegoPolicies!.Single().Name);
        Assert.AreEqual("720h", build.TimestampConstraint!.MaxAge);
        CollectionAssert.AreEqual(new[] { "build" }, p.Steps["package"].ArtifactsFrom!.ToArray());
    }

    [TestMethod]
    public void Parse_ExternalRequired_DefaultsToTrue()
    {
        var p = PolicyReader.Parse(Encoding.UTF8.GetBytes(Portable));

        Assert.IsTrue(p.ExternalAttestations!["scan"].IsRequired);
        Assert.IsFalse(p.ExternalAttestations["optional"].IsRequired);
    }

    [TestMethod]
    public void Parse_ExpiresAbsent_IsNull()
    {
        Assert.IsNull(PolicyReader.Parse("""{"steps":{}}"""u8).Expires);
    }

    [TestMethod]
    [DataRow("not json")]
    [DataRow("[1,2]")]
    [DataRow("""{"expires":"yesterday"}""")]
    [DataRow("""{"steps":{"a":{"functionaries":"oops"}}}""")]
    public void Parse_Malformed_CIL3002(string json)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => PolicyReader.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.AreEqual(PolicyDiagnostics.PolicyMalformed, e.Code);
    }

    [TestMethod]
    public void CertConstraint_EmptyButPresentList_CountsAsSet()
    {
        var p = PolicyReader.Parse("""{"steps":{"a":{"functionaries":[{"publickeyid":"k","certConstraint":{"roots":[]}},{"publickeyid":"k","certConstraint":{"extensions":{}}}]}}}"""u8);

        Assert.IsTrue(p.Steps!["a"].Functionaries![0].CertConstraint!.IsSet);
        Assert.IsFalse(p.Steps["a"].Functionaries![1].CertConstraint!.IsSet);
    }
}
