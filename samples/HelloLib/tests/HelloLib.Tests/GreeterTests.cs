using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HelloLib.Tests;

[TestClass]
public sealed class GreeterTests
{
    [TestMethod]
    [DataRow("Ada", "Hello, Ada!")]
    [DataRow("  Grace ", "Hello, Grace!")]
    [DataRow("", "Hello!")]
    public void Greet_Name_ReturnsGreeting(string name, string expected) =>
        Assert.AreEqual(expected, Greeter.Greet(name));
}
