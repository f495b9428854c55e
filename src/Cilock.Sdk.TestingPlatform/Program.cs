namespace Cilock.Sdk.TestingPlatform;

/// <summary>Entry point: see <see cref="Launcher"/>.</summary>
internal static class Program
{
    private static int Main(string[] args) => Launcher.Run(args, Console.Error);
}
