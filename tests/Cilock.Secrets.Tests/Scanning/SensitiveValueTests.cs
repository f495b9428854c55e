using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Context;
using Cilock.Secrets.Scanning;

namespace Cilock.Secrets.Tests.Scanning;

[TestClass]
public sealed class SensitiveValueTests
{
    private static IReadOnlyList<string> Searched(params (string Name, string Value)[] variables)
    {
        var capturer = new EnvironmentCapturer(new AttestationContextOptions { WorkingDirectory = "/", StepName = "s", Dialect = Dialect.Cilock });
        return [.. SensitiveValue.FromEnvironment(variables.ToDictionary(v => v.Name, v => v.Value), capturer).Select(v => v.Name)];
    }

    [TestMethod]
    [DataRow("PATH", "/usr/local/bin:/usr/bin:/bin")]
    [DataRow("PWD", "/tmp/ci/main")]
    [DataRow("OLDPWD", "/home/runner")]
    [DataRow("XAUTHORITY", "/run/user/1000/gdm/Xauthority")]
    [DataRow("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH", "/etc/ssl/certs/ca-certificates.crt")]
    [DataRow("VSTEST_DOTNET_ROOT_PATH", "C:\\Program Files\\dotnet")]
    public void FromEnvironment_BroadGlobNameWithPathValue_NotSearched(string name, string value) =>
        Assert.IsEmpty(Searched((name, value)));

    [TestMethod]
    [DataRow("GITHUB_TOKEN", "/looks/like/a/path")]
    [DataRow("DB_PASSWORD", "/not-really-a-path")]
    [DataRow("NUGET_API_KEY", "oy2abcdefghijklmnop")]
    [DataRow("SIGNING_KEY_PASSPHRASE", "correct horse")]
    public void FromEnvironment_SecretCarryingName_AlwaysSearched(string name, string value) =>
        CollectionAssert.AreEqual(new[] { name }, Searched((name, value)).ToArray());

    [TestMethod]
    [DataRow("DEPLOY_KEY", "ab12cd34ef56")]
    [DataRow("MY_AUTH", "Basic dXNlcjpwYXNz")]
    [DataRow("SOME_PAT", "ghp_0123456789abcdef")]
    public void FromEnvironment_BroadGlobNameWithSecretLookingValue_Searched(string name, string value) =>
        CollectionAssert.AreEqual(new[] { name }, Searched((name, value)).ToArray());
}
