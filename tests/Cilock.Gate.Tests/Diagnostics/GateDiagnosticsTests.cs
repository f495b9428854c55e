using Cilock.Gate.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Gate.Tests.Diagnostics;

[TestClass]
public sealed class GateDiagnosticsTests
{
    [TestMethod]
    public void Catalog_EveryCode_IsUniqueInRangeAndDocumentedOnce() =>
        DiagnosticCatalog.AssertWellFormed(typeof(GateDiagnostics), 3800, 3899);
}
