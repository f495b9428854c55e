namespace HelloLib;

/// <summary>Greets people.</summary>
public static class Greeter
{
    /// <summary>Returns a greeting for <paramref name="name"/>.</summary>
    public static string Greet(string name) =>
        string.IsNullOrWhiteSpace(name) ? "Hello!" : $"Hello, {name.Trim()}!";
}
