namespace Cilock.Sdk.IntegrationTests;

/// <summary>Microsoft.Testing.Platform test apps: the MSBuild route (<c>dotnet build -t:Test</c>) records the test step with a TRX.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class TestingPlatformTests
{
    [TestMethod]
    public void BuildTestTarget_TestingPlatformApp_RecordsTestStepWithTrx()
    {
        var root = PackedSdk.CreateWorkspace("mtp");
        Directory.CreateDirectory(Path.Combine(root, "Mtp"));
        File.WriteAllText(Path.Combine(root, "Mtp", "Mtp.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <Sdk Name="Cilock.Sdk" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <EnableMSTestRunner>true</EnableMSTestRunner>
                <CilockTestReportTrx>true</CilockTestReportTrx>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MSTest.TestFramework" Version="4.5.2" />
                <PackageReference Include="MSTest.TestAdapter" Version="4.5.2" />
                <PackageReference Include="Microsoft.Testing.Extensions.TrxReport" Version="2.5.2" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Mtp", "MathTests.cs"), """
            namespace Mtp;
            [Microsoft.VisualStudio.TestTools.UnitTesting.TestClass]
            public sealed class MathTests
            {
                [Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]
                public void Add_TwoNumbers_Sum() => Microsoft.VisualStudio.TestTools.UnitTesting.Assert.AreEqual(4, 2 + 2);
            }
            """);

        PackedSdk.DotnetOk(root, "build", "Mtp/Mtp.csproj", "-t:Test");

        var test = Evidence.Load(Path.Combine(root, "Mtp", "obj", "cilock", "test.Debug.net10.0.intoto.json"));
        test.AssertSignedBy(PackedSdk.PublicKeyPath);
        var products = test.Leaves("product");
        var trx = products.Keys.Single(p => p.EndsWith("cilock-net10.0.trx", StringComparison.Ordinal));
        Assert.AreEqual(Evidence.Sha256(Path.Combine(root, trx)), products[trx]);
        Assert.IsTrue(test.Leaves("material").ContainsKey("Mtp/bin/Debug/net10.0/Mtp.dll"), "the test app is a material");
    }
}
