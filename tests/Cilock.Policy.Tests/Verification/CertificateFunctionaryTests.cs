using System.Text;
using Cilock.Attestation.Signing;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;
using Cilock.Policy.Tests.Support;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Tests.Verification;

/// <summary>Keyless (certificate) signers: root functionaries, TSA time, timestamp constraints, hardening of §3.1.</summary>
[TestClass]
public sealed class CertificateFunctionaryTests
{
    private static readonly DateTimeOffset SignedAt = FixedTime.Default.AddDays(-3);

    [TestMethod]
    public void Verify_ExpiredLeafWithTimestamp_PassesRootFunctionary()
    {
        var (ca, signer) = Keyless(new LeafIdentity { Emails = ["ci@acme.example"] });

        var result = Run(ca, RootStep(emails: ["ci@acme.example"]), signer, timestamped: true);

        Assert.IsTrue(result.Passed, string.Join("\n", result.Reasons));
    }

    [TestMethod]
    public void Verify_CertificateOutsideConstraints_NotAFunctionary()
    {
        var (ca, signer) = Keyless(new LeafIdentity { Emails = ["intruder@evil.example"] });

        var result = Run(ca, RootStep(emails: ["ci@acme.example"]), signer, timestamped: true);

        Assert.IsFalse(result.Passed);
        StringAssert.Contains(PolicyVerifierPipelineTests.Single(result, "build", PolicyDiagnostics.NotAFunctionary), "intruder@evil.example");
    }

    [TestMethod]
    public void Verify_CertificateWithoutTimestamp_RejectedUnlessWitnessFallback()
    {
        var (ca, signer) = Keyless(new LeafIdentity { Emails = ["ci@acme.example"] }, notBefore: FixedTime.Default.AddMinutes(-2));

        var cilock = Run(ca, RootStep(emails: ["ci@acme.example"]), signer, timestamped: false, tsa: false);
        var witness = Run(ca, RootStep(emails: ["ci@acme.example"]), signer, timestamped: false, tsa: false, Policies.Options() with { WitnessTimeFallback = true });

        PolicyVerifierPipelineTests.Single(cilock, "build", PolicyDiagnostics.EnvelopeSignatureInvalid);
        Assert.IsTrue(witness.Passed, string.Join("\n", witness.Reasons));
        Assert.IsTrue(witness.Diagnostics.Any(d => d.Code == PolicyDiagnostics.CompatSwitchUsed && d.Message.Contains("witness-time-fallback", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("720h", true)]
    [DataRow("24h", false)]
    public void Verify_TimestampConstraintMaxAge(string maxAge, bool passes)
    {
        var (ca, signer) = Keyless(new LeafIdentity { Emails = ["ci@acme.example"] });
        var step = RootStep(emails: ["ci@acme.example"]);
        step.TimestampConstraint = new TimestampConstraint { MaxAge = maxAge };

        var result = Run(ca, step, signer, timestamped: true);

        Assert.AreEqual(passes, result.Passed, string.Join("\n", result.Reasons));
        if (!passes)
        {
            PolicyVerifierPipelineTests.Single(result, "build", PolicyDiagnostics.TimestampConstraintFailed);
        }
    }

    [TestMethod]
    public void Verify_TimestampConstraintWithKeySigner_FailsWithoutTsaTime()
    {
        var p = new Pipeline();
        var policy = p.Policy();
        policy.Steps!["build"].TimestampConstraint = new TimestampConstraint { NotBefore = FixedTime.Default.AddYears(-1) };

        var result = PolicyVerifierPipelineTests.Run(p, policy, p.Sign());

        StringAssert.Contains(PolicyVerifierPipelineTests.Single(result, "build", PolicyDiagnostics.TimestampConstraintFailed), "TSA");
    }

    [TestMethod]
    public void Verify_PublicKeyIdWithCertConstraint_EnforcedUnderHardeningIgnoredWithWarn()
    {
        var p = new Pipeline();
        var policy = p.Policy();
        // A key functionary that also carries a certificate constraint: the plain key signer cannot satisfy it.
        policy.Steps!["build"].Functionaries![0].CertConstraint = new CertConstraint { Roots = [] };

        var enforce = PolicyVerifierPipelineTests.Run(p, policy, p.Sign());
        var warn = PolicyVerifierPipelineTests.Run(p, policy, p.Sign(), options: Policies.Options() with { Hardening = PolicyHardening.Warn });

        StringAssert.Contains(PolicyVerifierPipelineTests.Single(enforce, "build", PolicyDiagnostics.NotAFunctionary), "certConstraint");
        Assert.IsTrue(warn.Passed, string.Join("\n", warn.Reasons));
        Assert.IsTrue(warn.Diagnostics.Any(d => d.Code == PolicyDiagnostics.CompatSwitchUsed && d.Message.Contains("certConstraint ignored", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Verify_CertificateSignerMatchesPublicKeyIdOfItsLeaf()
    {
        var (ca, signer) = Keyless(new LeafIdentity());
        var step = RootStep(emails: ["*"]);
        step.Functionaries = [new Functionary { Type = "publickey", PublicKeyId = signer.KeyId }];

        Assert.IsTrue(Run(ca, step, signer, timestamped: true).Passed);
    }

    [TestMethod]
    public void Verify_PolicyKeyIdNotMatchingKey_HardError()
    {
        var p = new Pipeline();
        var policy = p.Policy();
        policy.PublicKeys![p.BuildKey.KeyId].KeyId = p.TestKey.KeyId;

        var e = Assert.ThrowsExactly<Cilock.Attestation.Diagnostics.CilockException>(() => new PolicyVerifier(Policies.Load(policy, p.PolicyKey), Policies.Options()));
        Assert.AreEqual(PolicyDiagnostics.PolicyKeyInvalid, e.Code);
    }

    private static (TestCa Ca, ISigner Signer) Keyless(LeafIdentity identity, DateTimeOffset? notBefore = null)
    {
        var ca = new TestCa(SignedAt);
        return (ca, ca.CreateSigner(identity, notBefore ?? SignedAt.AddMinutes(-1)));
    }

    private static PolicyStep RootStep(List<string> emails) => new()
    {
        Name = "build",
        Functionaries =
        [
            new Functionary
            {
                Type = "root",
                CertConstraint = new CertConstraint
                {
                    CommonName = "*", DnsNames = ["*"], Emails = emails, Organizations = ["*"], Uris = ["*"], Roots = ["acme"],
                    Extensions = new(StringComparer.OrdinalIgnoreCase) { ["Issuer"] = "https://token.actions.githubusercontent.com" },
                },
            },
        ],
        Attestations = [new AttestationRequirement { Type = "https://aflock.ai/attestations/product/v0.3" }],
    };

    private static PolicyVerificationResult Run(TestCa ca, PolicyStep step, ISigner signer, bool timestamped, bool tsa = true, PolicyVerificationOptions? options = null)
    {
        var spec = new CollectionSpec("build") { Time = SignedAt };
        spec.Products["App.1.0.0.nupkg"] = Pipeline.Nupkg;
        var policy = new PolicyDocument
        {
            Expires = FixedTime.Default.AddDays(30),
            Roots = new() { ["acme"] = new PolicyRoot { Certificate = TestCa.Base64Pem(ca.Root), Intermediates = [TestCa.Base64Pem(ca.Intermediate)] } },
            TimestampAuthorities = tsa ? new() { ["tsa"] = new PolicyRoot { Certificate = TestCa.Base64Pem(ca.Root) } } : null,
            Steps = new() { ["build"] = step },
        };
        var opts = options ?? Policies.Options();
        var envelope = spec.Sign([signer], timestamped ? sig => ca.Timestamp(sig, SignedAt) : null);
        return new PolicyVerifier(Policies.Load(policy, TestKey.Create(), opts), opts).Verify([envelope], new VerificationSubjects([], Pipeline.ArtifactSha256));
    }
}
