using Cilock.Sigstore.Verification;
using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class VerificationDiagnosticsTests
{
    [TestMethod]
    public void Catalog_EveryCode_IsUniqueInRangeAndDocumentedOnce() =>
        DiagnosticCatalog.AssertWellFormed(typeof(SigstoreDiagnostics), 6000, 6099);
}
