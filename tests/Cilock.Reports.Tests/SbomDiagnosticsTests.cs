using Cilock.Reports.Sbom;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class SbomDiagnosticsTests
{
    [TestMethod]
    public void Catalog_EveryCode_IsUniqueInRangeAndDocumentedOnce() =>
        DiagnosticCatalog.AssertWellFormed(typeof(SbomDiagnostics), 2100, 2129);
}
