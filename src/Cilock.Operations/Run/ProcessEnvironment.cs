using System.Collections;

namespace Cilock.Operations.Run;

/// <summary>Snapshots the process environment once, so the attestors and the child process see the same values.</summary>
internal static class ProcessEnvironment
{
    /// <summary>Returns a copy of the current process environment.</summary>
    public static IReadOnlyDictionary<string, string> Read()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                result[key] = value;
            }
        }

        return result;
    }
}
