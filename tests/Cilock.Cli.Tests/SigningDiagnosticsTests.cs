using Cilock.Operations.Signing;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

/// <summary>The sign/sign-bundle code catalog stays in its range and every code is documented (their options: CliDocumentationTests).</summary>
[TestClass]
public sealed class SigningDiagnosticsTests
{
    [TestMethod]
    public void Catalog_IsWellFormedAndDocumented()
    {
        DiagnosticCatalog.AssertWellFormed(typeof(SigningDiagnostics), 6120, 6129);
    }
}
