using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Identity;
using Cilock.Sigstore.Signing;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class IdentityTokenTests
{
    [TestMethod]
    public void Parse_SubjectToken_ReadsClaimsAndChallengesWithSub()
    {
        var token = IdentityToken.Parse(TestTokens.Create("""{"iss":"https://token.actions.githubusercontent.com","sub":"repo:acme/app:ref:refs/heads/main","exp":1900000000}"""), "test");

        Assert.AreEqual("https://token.actions.githubusercontent.com", token.Issuer);
        Assert.AreEqual("repo:acme/app:ref:refs/heads/main", token.ChallengeSubject);
        Assert.AreEqual(DateTimeOffset.FromUnixTimeSeconds(1900000000), token.Expires);
    }

    [TestMethod]
    public void Parse_VerifiedEmail_ChallengesWithEmail()
    {
        var token = IdentityToken.Parse(TestTokens.Create("""{"iss":"https://accounts.google.com","sub":"1234","email":"dev@example.com","email_verified":true}"""), "test");

        Assert.AreEqual("dev@example.com", token.ChallengeSubject);
    }

    [TestMethod]
    [DataRow("""{"iss":"https://accounts.google.com","email":"dev@example.com","email_verified":false}""", "email_verified")]
    [DataRow("""{"sub":"x"}""", "'iss'")]
    [DataRow("""{"iss":"https://i"}""", "neither")]
    [DataRow("""[1,2]""", "not a JSON object")]
    public void Parse_MissingClaims_Cil6101(string claims, string reason)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => IdentityToken.Parse(TestTokens.Create(claims), "test"));

        Assert.AreEqual(KeylessDiagnostics.IdentityTokenInvalid, e.Code);
        StringAssert.Contains(e.Message, reason);
    }

    [TestMethod]
    [DataRow("not-a-jwt-planted-secret-value")]
    [DataRow("a.b!!!planted-secret-value.c")]
    public void Parse_Garbage_Cil6101WithoutEchoingTheValue(string value)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => IdentityToken.Parse(value, "SIGSTORE_ID_TOKEN"));

        Assert.AreEqual(KeylessDiagnostics.IdentityTokenInvalid, e.Code);
        Assert.IsFalse(e.ToString().Contains("planted-secret-value", StringComparison.Ordinal), e.ToString());
        StringAssert.Contains(e.Message, "SIGSTORE_ID_TOKEN");
    }

    [TestMethod]
    public void ToString_Token_ShowsIdentityNotToken()
    {
        var jwt = TestTokens.Planted(out var marker);
        var token = IdentityToken.Parse(jwt, "test");

        Assert.IsFalse(token.ToString().Contains(marker, StringComparison.Ordinal));
        Assert.IsFalse(token.ToString().Contains(jwt.Split('.')[1], StringComparison.Ordinal));
        StringAssert.Contains(token.ToString(), "repo:acme/app:ref:refs/heads/main");
    }
}
