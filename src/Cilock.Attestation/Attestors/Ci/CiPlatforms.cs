using System.Collections;

namespace Cilock.Attestation.Attestors.Ci;

/// <summary>Detects the CI platform a step runs on and creates its attestor (automatic CI evidence).</summary>
public static class CiPlatforms
{
    /// <summary>The CI attestor names, in detection order.</summary>
    public static IReadOnlyList<string> Names { get; } = [GitHubAttestor.AttestorName, GitLabAttestor.AttestorName, AzurePipelinesAttestor.AttestorName];

    /// <summary>Whether <paramref name="name"/> is one of the CI platform attestors.</summary>
    public static bool IsCiAttestor(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The attestors of the platforms <paramref name="environment"/> belongs to (usually zero or one).</summary>
    public static IReadOnlyList<CiPlatformAttestor> CreateDetected(IReadOnlyDictionary<string, string> environment, CiAttestorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        CiPlatformAttestor[] all = [new GitHubAttestor(options), new GitLabAttestor(options), new AzurePipelinesAttestor(options)];
        return [.. all.Where(a => a.IsDetected(environment))];
    }

    /// <summary>The platform name (<c>github</c>, <c>gitlab</c>, <c>azure-pipelines</c>) or <c>null</c> outside CI.</summary>
    public static string? Detect(IReadOnlyDictionary<string, string> environment) => CreateDetected(environment).FirstOrDefault()?.Name;

    /// <summary>The current process environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string ?? "";
        }

        return result;
    }
}
