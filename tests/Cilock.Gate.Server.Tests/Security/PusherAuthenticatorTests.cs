using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Server.Configuration;
using Cilock.Gate.Server.Diagnostics;
using Cilock.Gate.Server.Security;

namespace Cilock.Gate.Server.Tests.Security;

[TestClass]
public sealed class PusherAuthenticatorTests
{
    [TestMethod]
    [DataRow("key-one", "alice")]
    [DataRow("key-two", "bob")]
    [DataRow("key-three", null)]
    [DataRow("", null)]
    [DataRow(null, null)]
    public void Authenticate_Key_MapsToIdentityOrNull(string? key, string? identity)
    {
        var authenticator = new PusherAuthenticator([
            new PusherOptions { Identity = "alice", ApiKeySha256 = PusherAuthenticator.Hash("key-one") },
            new PusherOptions { Identity = "bob", ApiKeySha256 = PusherAuthenticator.Hash("key-two").ToUpperInvariant() },
        ]);

        Assert.AreEqual(identity, authenticator.Authenticate(key));
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("zz")]
    [DataRow("")]
    public void Constructor_HashNotSha256Hex_Cil3901(string hash)
    {
        var error = Assert.ThrowsExactly<CilockException>(() => new PusherAuthenticator([new PusherOptions { Identity = "x", ApiKeySha256 = hash }]));

        Assert.AreEqual(AdmissionDiagnostics.ConfigurationInvalid, error.Code);
    }

    [TestMethod]
    public void Constructor_NoPushers_Cil3901()
    {
        var error = Assert.ThrowsExactly<CilockException>(() => new PusherAuthenticator([]));

        Assert.AreEqual(AdmissionDiagnostics.ConfigurationInvalid, error.Code);
    }

    [TestMethod]
    public void Hash_Key_IsLowercaseSha256HexOfUtf8()
    {
        // printf %s abc | sha256sum
        Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PusherAuthenticator.Hash("abc"));
    }
}
