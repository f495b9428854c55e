using Cilock.Reports.Attestors;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class ReportReaderDiagnosticsTests
{
    [TestMethod]
    public void Catalog_EveryCode_IsUniqueInRangeAndDocumentedOnce() =>
        DiagnosticCatalog.AssertWellFormed(typeof(ReportReaderDiagnostics), 2130, 2159);
}
