using Cilock.Attestation.Attestors.Ci;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors.Ci;

[TestClass]
public sealed class CiDiagnosticsTests
{
    [TestMethod]
    public void Catalog_EveryCode_IsUniqueInRangeAndDocumentedOnce() =>
        DiagnosticCatalog.AssertWellFormed(typeof(CiDiagnostics), 1700, 1799);
}
