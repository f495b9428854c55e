using Cilock.Gate.Server.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Gate.Server.Tests.Diagnostics;

[TestClass]
public sealed class AdmissionDiagnosticsTests
{
    [TestMethod]
    public void Catalog_EveryCode_IsUniqueInRangeAndDocumentedOnce() =>
        DiagnosticCatalog.AssertWellFormed(typeof(AdmissionDiagnostics), 3900, 3999);
}
