using Cilock.Attestation.Attestors.Slsa;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Slsa;

[TestClass]
public sealed class SlsaDiagnosticsTests
{
    [TestMethod]
    public void Catalog_Codes_UniqueInRangeAndDocumented()
    {
        DiagnosticCatalog.AssertWellFormed(typeof(SlsaDiagnostics), 6200, 6219);
    }
}
