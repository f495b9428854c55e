using Cilock.Operations.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Diagnostics;

[TestClass]
public sealed class OperationDiagnosticsTests
{
    [TestMethod]
    public void Catalog_EveryCode_IsUniqueInRangeAndDocumentedOnce() =>
        DiagnosticCatalog.AssertWellFormed(typeof(OperationDiagnostics), 1500, 1599);
}
