using System.Text.Json.Nodes;
using Cilock.Attestation.Context;

namespace Cilock.Attestation.Attestors.DotNet;

/// <summary>
/// Records the .NET toolchain of a step and its NuGet restore graph: SDK, MSBuild and runtime versions, the target
/// framework, and every library of <c>project.assets.json</c> with its id, version and SHA-512. cilock dialect only:
/// Witness cannot load an unknown type, so the witness profile leaves it out (the package files themselves are still
/// recorded as materials).
/// </summary>
public sealed class DotNetAttestor : IAttestor
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "dotnet";

    /// <summary>The predicate type (cilock dialect).</summary>
    public const string Type = "https://aflock.ai/attestations/dotnet/v0.1";

    private readonly DotNetAttestorOptions _options;
    private JsonObject? _json;

    /// <summary>Creates the attestor; the assets file, when given, must already have been read.</summary>
    public DotNetAttestor(DotNetAttestorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.PreMaterial;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) => Type;

    /// <inheritdoc />
    public ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new JsonObject();
        AddIfSet(json, "sdkVersion", _options.SdkVersion);
        AddIfSet(json, "msbuildVersion", _options.MSBuildVersion);
        json["runtimeVersion"] = System.Environment.Version.ToString();
        AddIfSet(json, "targetFramework", _options.TargetFramework);
        var assets = _options.Assets;
        if (assets is not null)
        {
            json["assetsFile"] = new JsonObject
            {
                ["path"] = RelativeOrAbsolute(context.WorkingDirectory, assets.Path),
                ["digest"] = new JsonObject { ["sha256"] = assets.Sha256 },
            };
            var packages = new JsonArray();
            foreach (var library in assets.Libraries)
            {
                ct.ThrowIfCancellationRequested();
                var entry = new JsonObject
                {
                    ["id"] = library.Id,
                    ["version"] = library.Version,
                    ["type"] = library.Type,
                };
                AddIfSet(entry, "sha512", library.Sha512);
                AddIfSet(entry, "path", library.Path);
                if (library.Dependencies.Count > 0)
                {
                    var deps = new JsonObject();
                    foreach (var (id, range) in library.Dependencies)
                    {
                        deps[id] = range;
                    }

                    entry["dependencies"] = deps;
                }

                entry["targetFrameworks"] = new JsonArray([.. library.TargetFrameworks.Select(t => (JsonNode?)JsonValue.Create(t))]);
                packages.Add(entry);
            }

            json["packages"] = packages;
        }

        _json = json;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect) => dialect == Dialect.Cilock ? _json?.DeepClone() : null;

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json[name] = value;
        }
    }

    private static string RelativeOrAbsolute(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative).Replace('\\', '/');
    }
}
