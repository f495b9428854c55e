using Cilock.Attestation.Context;
using Cilock.Attestation.Hashing;

namespace Cilock.Attestation.Attestors.Environment;

/// <summary>
/// Decides which variables are sensitive and produces the recorded view of an environment (spec attestors.md §5):
/// sensitive values become <c>******</c> (or are dropped in filter mode). Used by the environment attestor and by
/// command-run to keep secret values out of captured output.
/// </summary>
public sealed class EnvironmentCapturer
{
    /// <summary>The replacement written for a sensitive value.</summary>
    public const string Mask = "******";

    private readonly HashSet<string> _exact;
    private readonly List<string> _globs;
    private readonly List<string> _scrubGlobs;
    private readonly HashSet<string> _allowed;
    private readonly IReadOnlyList<string> _captureAllowlist;
    private readonly bool _ignoreCase;
    private readonly bool _filter;

    /// <summary>Creates a capturer from the context options; the dialect selects the matching rules.</summary>
    public EnvironmentCapturer(AttestationContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ignoreCase = options.Dialect == Dialect.Cilock;
        _filter = options.FilterSensitiveEnvironment;
        _exact = new HashSet<string>(_ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        _globs = [];
        _scrubGlobs = [];
        if (!options.DisableDefaultSensitiveEnvironmentKeys)
        {
            _exact.UnionWith(SensitiveVariables.ExactNames);
            _globs.AddRange(_ignoreCase ? SensitiveVariables.CilockGlobs : SensitiveVariables.WitnessGlobs);
            _scrubGlobs.AddRange(SensitiveVariables.WitnessGlobs);
        }

        foreach (var key in options.SensitiveEnvironmentKeys)
        {
            if (Glob.HasWildcard(key))
            {
                _globs.Add(key);
                _scrubGlobs.Add(key);
            }
            else
            {
                _exact.Add(key);
            }
        }

        _allowed = new HashSet<string>(options.AllowedSensitiveEnvironmentKeys, StringComparer.Ordinal);
        _captureAllowlist = options.EnvironmentCaptureAllowlist;
    }

    /// <summary>Whether the value of <paramref name="name"/> must never be recorded.</summary>
    public bool IsSensitive(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_allowed.Contains(name))
        {
            return false;
        }

        return _exact.Contains(name) || _globs.Any(g => Glob.IsMatch(g, name, _ignoreCase));
    }

    /// <summary>
    /// Whether <paramref name="name"/> is secret-carrying: an exact well-known name, an added key, or a match of the
    /// narrow substring globs (token, secret, api_key, password, jwt, sshKey, passphrase; any case). A subset of
    /// <see cref="IsSensitive"/>, which also applies the broad cilock globs (key, pat, pwd, auth, …).
    /// </summary>
    public bool IsSecretCarrying(string name) =>
        !_allowed.Contains(name)
        && (_exact.Contains(name) || _scrubGlobs.Any(g => Glob.IsMatch(g, name, ignoreCase: true)));

    /// <summary>The recorded variables: allowlist applied, sensitive values masked or dropped, sorted by name.</summary>
    public SortedDictionary<string, string> Capture(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            if (_captureAllowlist.Count > 0 && !_captureAllowlist.Any(p => Glob.IsMatch(p, name, ignoreCase: true)))
            {
                continue;
            }

            if (IsSensitive(name))
            {
                if (!_filter)
                {
                    result[name] = Mask;
                }
            }
            else
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary>
    /// The values of secret-carrying variables long enough to be recognizable (≥ 4 characters), longest first, so
    /// other text (command output, arguments) can be scrubbed of them. Secret-carrying = the exact well-known names,
    /// the added keys and the narrow substring globs (token, secret, api_key, password, jwt, sshKey, passphrase; any
    /// case); the broad cilock globs are left out here because they also mask <c>PATH</c> and <c>PWD</c>, whose
    /// values (folders) appear in every build log.
    /// </summary>
    public IReadOnlyList<string> SensitiveValues(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return [.. environment
            .Where(kv => kv.Value.Length >= 4 && IsSecretCarrying(kv.Key))
            .Select(kv => kv.Value)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)];
    }

    /// <summary>Replaces every occurrence of a sensitive value in <paramref name="text"/> with <see cref="Mask"/>.</summary>
    public static string Scrub(string text, IReadOnlyList<string> sensitiveValues)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in sensitiveValues)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
