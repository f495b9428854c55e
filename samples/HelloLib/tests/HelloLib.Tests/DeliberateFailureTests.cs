using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HelloLib.Tests;

/// <summary>
/// Compiled only with -p:HelloLibFailingTest=true: shows that a failing run still leaves signed test evidence that
/// names the failed test and its message (and that the tests-passed policy rule then denies the package).
/// </summary>
[TestClass]
public sealed class DeliberateFailureTests
{
    [TestMethod]
    public void Greet_Deliberately_Fails() =>
        Assert.AreEqual("Hello, Grace!", Greeter.Greet("Ada"), "deliberate failure (HelloLibFailingTest=true)");
}
