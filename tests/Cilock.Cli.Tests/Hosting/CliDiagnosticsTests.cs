using Cilock.Cli.Hosting;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests.Hosting;

[TestClass]
public sealed class CliDiagnosticsTests
{
    [TestMethod]
    public void Catalog_EveryCode_IsUniqueInRangeAndDocumentedOnce() =>
        DiagnosticCatalog.AssertWellFormed(typeof(CliDiagnostics), 1900, 1999);
}
