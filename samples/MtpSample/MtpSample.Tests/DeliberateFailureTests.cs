using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace MtpSample.Tests;

[TestClass]
public sealed class DeliberateFailureTests
{
    [TestMethod]
    public void Divide_Deliberately_Fails() => Assert.Fail("deliberate failure (MtpSampleFailingTest=true)");
}
