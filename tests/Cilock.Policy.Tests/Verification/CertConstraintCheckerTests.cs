using System.Security.Cryptography.X509Certificates;
using Cilock.Policy.Model;
using Cilock.Policy.Tests.Support;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Tests.Verification;

/// <summary>The CertConstraint.Check table of policy.md §3.2, in Witness and cilock semantics.</summary>
[TestClass]
public sealed class CertConstraintCheckerTests
{
    private static readonly TestCa Ca = new(FixedTime.Default);

    [TestMethod]
    // constraint, certificate CN, witness result, cilock result
    [DataRow("*", "", true, true)]
    [DataRow("*", "build", true, true)]
    [DataRow("", "", true, false)]
    [DataRow("", "build", false, false)]
    [DataRow("build", "build", true, true)]
    [DataRow("Build", "build", false, true)]
    [DataRow("bu*", "build", false, true)]
    [DataRow("BU?LD", "build", false, true)]
    [DataRow("other", "build", false, false)]
    public void CommonName_Table(string constraint, string actual, bool witness, bool cilock)
    {
        Assert.AreEqual(witness, CertConstraintChecker.CheckCommonName(constraint, actual, cilock: false) is null, "witness");
        Assert.AreEqual(cilock, CertConstraintChecker.CheckCommonName(constraint, actual, cilock: true) is null, "cilock");
    }

    [TestMethod]
    // constraint (| separated, "~" = empty list, "^" = [""]), cert values, witness, cilock enforce, cilock warn
    [DataRow("*", "a@x", true, true, true)]
    [DataRow("*", "", true, true, true)]
    [DataRow("~", "", true, false, true)]
    [DataRow("^", "", true, false, true)]
    [DataRow("~", "a@x", false, false, false)]
    [DataRow("a@x", "a@x", true, true, true)]
    [DataRow("a@x", "a@x|b@x", false, false, false)]
    [DataRow("a@x|b@x", "a@x", false, false, false)]
    [DataRow("a@x|b@x", "b@x|a@x", true, true, true)]
    [DataRow("*|a@x", "z@x", false, true, true)]
    [DataRow("*@x", "a@x", false, true, true)]
    [DataRow("*@X", "a@x", false, true, true)]
    [DataRow("a@x|*@y", "a@x|b@y", false, true, true)]
    [DataRow("*@x|*@x", "a@x", false, false, false)]
    [DataRow("*@x", "a@x|b@x", false, false, false)]
    public void SanList_Table(string constraint, string values, bool witness, bool cilockEnforce, bool cilockWarn)
    {
        List<string> c = constraint switch { "~" => [], "^" => [""], _ => [.. constraint.Split('|')] };
        List<string> v = values.Length == 0 ? [] : [.. values.Split('|')];

        Assert.AreEqual(witness, CertConstraintChecker.CheckList("emails", c, v, cilock: false, hardening: true) is null, "witness");
        Assert.AreEqual(cilockEnforce, CertConstraintChecker.CheckList("emails", c, v, cilock: true, hardening: true) is null, "cilock enforce");
        Assert.AreEqual(cilockWarn, CertConstraintChecker.CheckList("emails", c, v, cilock: true, hardening: false) is null, "cilock warn");
    }

    [TestMethod]
    public void Check_FulcioLikeLeaf_MatchesPinnedIdentityAndRoot()
    {
        var (leaf, intermediates) = Leaf(new LeafIdentity { Emails = ["dev@acme.example"] });

        var reason = Check(Constraint(emails: ["dev@acme.example"]), leaf, intermediates, ConstraintSemantics.Cilock);

        Assert.IsNull(reason);
    }

    [TestMethod]
    [DataRow("Issuer", "https://accounts.google.com", "Issuer")]
    [DataRow("sourcerepositoryuri", "https://github.com/evil/app", "sourcerepositoryuri")]
    public void Check_ExtensionMismatch_Fails(string key, string value, string expected)
    {
        var (leaf, intermediates) = Leaf(new LeafIdentity());
        var constraint = Constraint();
        constraint.Extensions = new(StringComparer.OrdinalIgnoreCase) { [key] = value };

        StringAssert.Contains(Check(constraint, leaf, intermediates, ConstraintSemantics.Cilock), expected);
    }

    [TestMethod]
    [DataRow("https://github.com/acme/*", ConstraintSemantics.Cilock)]
    [DataRow("https://github.com/acme/app", ConstraintSemantics.Cilock)]
    [DataRow("https://github.com/acme/*", ConstraintSemantics.Witness)]
    public void Check_ExtensionExactOrGlob_Matches(string value, ConstraintSemantics semantics)
    {
        var (leaf, intermediates) = Leaf(new LeafIdentity());
        var constraint = Constraint();
        constraint.Extensions = new(StringComparer.OrdinalIgnoreCase) { ["SourceRepositoryURI"] = value, ["issuer"] = "https://token.actions.githubusercontent.com" };

        Assert.IsNull(Check(constraint, leaf, intermediates, semantics));
    }

    [TestMethod]
    public void Check_UnknownRootId_Fails()
    {
        var (leaf, intermediates) = Leaf(new LeafIdentity());
        var constraint = Constraint();
        constraint.Roots = ["other"];

        StringAssert.Contains(Check(constraint, leaf, intermediates, ConstraintSemantics.Cilock), "does not chain");
    }

    [TestMethod]
    public void Check_LeafFromAnotherCa_Fails()
    {
        var other = new TestCa(FixedTime.Default);
        var signer = other.CreateSigner(new LeafIdentity());
        var leaf = X509Certificate2.CreateFromPem(signer.CertificatePem!);

        StringAssert.Contains(Check(Constraint(), leaf, [other.Intermediate], ConstraintSemantics.Cilock), "does not chain");
    }

    [TestMethod]
    public void Check_IntermediateAsAnchor_Chains()
    {
        var (leaf, _) = Leaf(new LeafIdentity());
        var roots = new[] { new TrustedRoot("int", Ca.Intermediate, []) };
        var constraint = Constraint();
        constraint.Roots = ["int"];

        Assert.IsNull(CertConstraintChecker.Check(constraint, leaf, [], FixedTime.Default, roots, ConstraintSemantics.Cilock, hardening: true));
    }

    [TestMethod]
    public void Check_NonCodeSigningLeaf_FailsCilockPassesWitness()
    {
        var (leaf, intermediates) = Leaf(new LeafIdentity { CodeSigning = false });

        Assert.IsNotNull(Check(Constraint(), leaf, intermediates, ConstraintSemantics.Cilock));
        Assert.IsNull(Check(Constraint(), leaf, intermediates, ConstraintSemantics.Witness));
    }

    [TestMethod]
    public void Check_RequiredPolicyOidMissing_FailsInCilock()
    {
        var (leaf, intermediates) = Leaf(new LeafIdentity());
        var constraint = Constraint();
        constraint.RequiredPolicyOids = ["1.2.3.4"];

        StringAssert.Contains(Check(constraint, leaf, intermediates, ConstraintSemantics.Cilock), "1.2.3.4");
        Assert.IsNull(Check(constraint, leaf, intermediates, ConstraintSemantics.Witness));
    }

    [TestMethod]
    public void Identity_ReadsSansOrganizationsAndFulcioExtensions()
    {
        var (leaf, _) = Leaf(new LeafIdentity { CommonName = "cn", Organizations = ["Acme"], Uris = ["https://github.com/acme/app/.github/workflows/ci.yml@refs/heads/main"], DnsNames = ["build.acme.example"] });

        var id = CertificateIdentity.From(leaf);

        Assert.AreEqual("cn", id.CommonName);
        CollectionAssert.AreEqual(new[] { "Acme" }, id.Organizations.ToArray());
        CollectionAssert.AreEqual(new[] { "dev@example.com" }, id.Emails.ToArray());
        CollectionAssert.AreEqual(new[] { "build.acme.example" }, id.DnsNames.ToArray());
        Assert.AreEqual(1, id.Uris.Count);
        Assert.AreEqual("https://token.actions.githubusercontent.com", id.Extensions["issuer"]);
        Assert.AreEqual("https://github.com/acme/app", id.Extensions["SourceRepositoryURI"]);
    }

    internal static CertConstraint Constraint(List<string>? emails = null) => new()
    {
        CommonName = "*",
        DnsNames = ["*"],
        Emails = emails ?? ["*"],
        Organizations = ["*"],
        Uris = ["*"],
        Roots = ["ca"],
    };

    private static (X509Certificate2 Leaf, X509Certificate2[] Intermediates) Leaf(LeafIdentity identity)
    {
        var signer = Ca.CreateSigner(identity);
        return (X509Certificate2.CreateFromPem(signer.CertificatePem!), [Ca.Intermediate]);
    }

    private static string? Check(CertConstraint constraint, X509Certificate2 leaf, X509Certificate2[] intermediates, ConstraintSemantics semantics) =>
        CertConstraintChecker.Check(constraint, leaf, intermediates, FixedTime.Default, [new TrustedRoot("ca", Ca.Root, [])], semantics, hardening: true);
}
