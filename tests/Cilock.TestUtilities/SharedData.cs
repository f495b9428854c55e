using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Cilock.TestUtilities;

/// <summary>Finds the repository root and the read-only <c>../shared</c> folder beside it.</summary>
public static class SharedData
{
    /// <summary>The repository root (the folder holding <c>Cilock.Sdk.sln</c>).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The <c>../shared</c> folder, or <c>null</c> when it is absent.</summary>
    public static string? SharedRoot
    {
        get
        {
            var dir = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            return Directory.Exists(Path.Combine(dir, "spec")) ? dir : null;
        }
    }

    /// <summary>
    /// Returns <c>../shared/&lt;relative&gt;</c>, or marks the test inconclusive with a clear message when it is absent.
    /// </summary>
    public static string Locate(string relative)
    {
        var root = SharedRoot ?? throw new AssertInconclusiveException($"../shared is absent; skipped (needs ../shared/{relative})");
        var path = Path.Combine(root, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new AssertInconclusiveException($"../shared/{relative} not found; skipped");
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Cilock.Sdk.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Cilock.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
