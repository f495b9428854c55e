using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace MtpSample.Tests;

[TestClass]
public sealed class CalculatorTests
{
    [TestMethod]
    [DataRow(2, 2, 4)]
    [DataRow(-1, 1, 0)]
    public void Add_TwoNumbers_ReturnsSum(int a, int b, int sum) => Assert.AreEqual(sum, a + b);
}
