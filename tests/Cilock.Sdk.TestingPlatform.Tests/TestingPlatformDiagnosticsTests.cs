using Cilock.TestUtilities;

namespace Cilock.Sdk.TestingPlatform.Tests;

[TestClass]
public sealed class TestingPlatformDiagnosticsTests
{
    [TestMethod]
    public void Catalog_Codes_UniqueInRangeAndDocumented() =>
        DiagnosticCatalog.AssertWellFormed(typeof(TestingPlatformDiagnostics), 2140, 2149);
}
