using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Attestors.Slsa;

/// <summary>
/// A SLSA provenance v1 predicate (spec attestors.md §13) in a dialect-neutral form. It is written in the cilock
/// shape (camelCase, RFC 3339 times — the SLSA v1 spec's own shape) or Witness' shape (its protobuf struct through Go
/// <c>encoding/json</c>: snake_case, <c>{"seconds","nanos"}</c> times), member order and omission as in each
/// product's Go structs, and read back from either shape under either predicate type.
/// </summary>
public sealed record SlsaProvenance
{
    /// <summary><c>buildDefinition.buildType</c>.</summary>
    public string BuildType { get; init; } = "";

    /// <summary><c>buildDefinition.externalParameters</c> (<c>command</c> = argv joined by spaces), or <c>null</c>.</summary>
    public JsonObject? ExternalParameters { get; init; }

    /// <summary><c>buildDefinition.internalParameters</c> (<c>env</c> = the captured, obfuscated environment), or <c>null</c>.</summary>
    public JsonObject? InternalParameters { get; init; }

    /// <summary><c>buildDefinition.resolvedDependencies</c>: git remotes, CI commit claims, materials.</summary>
    public IReadOnlyList<SlsaResourceDescriptor> ResolvedDependencies { get; init; } = [];

    /// <summary><c>runDetails.builder.id</c>.</summary>
    public string BuilderId { get; init; } = "";

    /// <summary><c>runDetails.builder.version</c>.</summary>
    public IReadOnlyDictionary<string, string> BuilderVersion { get; init; } = new Dictionary<string, string>();

    /// <summary><c>runDetails.builder.builderDependencies</c>.</summary>
    public IReadOnlyList<SlsaResourceDescriptor> BuilderDependencies { get; init; } = [];

    /// <summary><c>runDetails.metadata.invocationId</c> (the CI run URL, a CodeBuild ARN), empty when unknown.</summary>
    public string InvocationId { get; init; } = "";

    /// <summary><c>runDetails.metadata.startedOn</c>.</summary>
    public DateTimeOffset? StartedOn { get; init; }

    /// <summary><c>runDetails.metadata.finishedOn</c>.</summary>
    public DateTimeOffset? FinishedOn { get; init; }

    /// <summary><c>runDetails.byproducts</c>.</summary>
    public IReadOnlyList<SlsaResourceDescriptor> Byproducts { get; init; } = [];

    /// <summary>The command recorded in <c>externalParameters.command</c>, or <c>null</c>.</summary>
    public string? Command => ExternalParameters?["command"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>
    /// The predicate JSON. <see cref="Dialect.Cilock"/>: rookery's struct (<c>buildType</c> and <c>builder.id</c>
    /// always written; empty parameter maps omitted). <see cref="Dialect.Witness"/>: go-witness' protobuf struct
    /// (<c>build_type</c>/<c>id</c> omitted when empty; a parameter struct that is set is written even when empty).
    /// </summary>
    public JsonObject ToJson(Dialect dialect) => ToJson(dialect, specConformant: false);

    /// <summary>
    /// The predicate JSON; <paramref name="specConformant"/> also writes an empty <c>externalParameters</c>, which
    /// the SLSA v1 spec requires (the standalone statement).
    /// </summary>
    internal JsonObject ToJson(Dialect dialect, bool specConformant)
    {
        var w = dialect == Dialect.Witness;
        var definition = new JsonObject();
        if (!w || BuildType.Length > 0)
        {
            definition[w ? "build_type" : "buildType"] = BuildType;
        }

        AddParameters(definition, w ? "external_parameters" : "externalParameters", specConformant ? ExternalParameters ?? [] : ExternalParameters, w || specConformant);
        AddParameters(definition, w ? "internal_parameters" : "internalParameters", InternalParameters, w);
        AddList(definition, w ? "resolved_dependencies" : "resolvedDependencies", ResolvedDependencies, w);

        var builder = new JsonObject();
        if (!w || BuilderId.Length > 0)
        {
            builder["id"] = BuilderId;
        }

        if (BuilderVersion.Count > 0)
        {
            builder["version"] = SlsaJson.ToObject(BuilderVersion);
        }

        AddList(builder, w ? "builder_dependencies" : "builderDependencies", BuilderDependencies, w);

        var metadata = new JsonObject();
        if (InvocationId.Length > 0)
        {
            metadata[w ? "invocation_id" : "invocationId"] = InvocationId;
        }

        AddTime(metadata, w ? "started_on" : "startedOn", StartedOn, w);
        AddTime(metadata, w ? "finished_on" : "finishedOn", FinishedOn, w);

        var run = new JsonObject { ["builder"] = builder, ["metadata"] = metadata };
        AddList(run, "byproducts", Byproducts, w);
        return new JsonObject
        {
            [w ? "build_definition" : "buildDefinition"] = definition,
            [w ? "run_details" : "runDetails"] = run,
        };
    }

    /// <summary>
    /// Decodes a provenance predicate of type <c>https://slsa.dev/provenance/v1.0</c> (collections) or
    /// <c>https://slsa.dev/provenance/v1</c> (bare statements), written in either member casing with either time
    /// encoding. Unknown members are ignored (Rego still sees the raw JSON).
    /// </summary>
    /// <exception cref="Diagnostics.CilockException">CIL6200 for another predicate type or a member of the wrong type.</exception>
    public static SlsaProvenance FromJson(string predicateType, JsonNode? predicate)
    {
        if (!SlsaUris.IsProvenance(predicateType))
        {
            throw SlsaJson.Invalid($"predicate type '{predicateType}' is not {SlsaUris.CollectionPredicateType} or {SlsaUris.SpecPredicateType}");
        }

        if (predicate is not JsonObject)
        {
            throw SlsaJson.Invalid("the predicate must be an object");
        }

        var definition = SlsaJson.Object(predicate, "buildDefinition", "build_definition", "predicate");
        var run = SlsaJson.Object(predicate, "runDetails", "run_details", "predicate");
        var builder = SlsaJson.Object(run, "builder", "builder", "runDetails");
        var metadata = SlsaJson.Object(run, "metadata", "metadata", "runDetails");
        return new SlsaProvenance
        {
            BuildType = SlsaJson.String(definition, "buildType", "build_type", "buildDefinition"),
            ExternalParameters = SlsaJson.Object(definition, "externalParameters", "external_parameters", "buildDefinition")?.DeepClone().AsObject(),
            InternalParameters = SlsaJson.Object(definition, "internalParameters", "internal_parameters", "buildDefinition")?.DeepClone().AsObject(),
            ResolvedDependencies = SlsaResourceDescriptor.ListFromJson(definition, "resolvedDependencies", "resolved_dependencies", "buildDefinition"),
            BuilderId = SlsaJson.String(builder, "id", "id", "builder"),
            BuilderVersion = SlsaJson.StringMap(builder, "version", "version", "builder"),
            BuilderDependencies = SlsaResourceDescriptor.ListFromJson(builder, "builderDependencies", "builder_dependencies", "builder"),
            InvocationId = SlsaJson.String(metadata, "invocationId", "invocation_id", "metadata"),
            StartedOn = SlsaJson.Time(metadata, "startedOn", "started_on", "metadata"),
            FinishedOn = SlsaJson.Time(metadata, "finishedOn", "finished_on", "metadata"),
            Byproducts = SlsaResourceDescriptor.ListFromJson(run, "byproducts", "byproducts", "runDetails"),
        };
    }

    /// <summary>The provenance entry of <paramref name="collection"/> decoded, or <c>null</c> when it has none.</summary>
    /// <exception cref="Diagnostics.CilockException">CIL6200 when the entry is malformed.</exception>
    public static SlsaProvenance? FromCollection(AttestationCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var entry = collection.Entries.FirstOrDefault(e => SlsaUris.IsProvenance(e.Type));
        return entry is null ? null : FromJson(entry.Type, entry.Attestation);
    }

    private static void AddParameters(JsonObject parent, string name, JsonObject? parameters, bool witness)
    {
        // Witness: a set *structpb.Struct is written even when empty; cilock: an empty Go map is omitted.
        if (parameters is not null && (witness || parameters.Count > 0))
        {
            parent[name] = SlsaJson.Sorted(parameters);
        }
    }

    private static void AddList(JsonObject parent, string name, IReadOnlyList<SlsaResourceDescriptor> items, bool witness)
    {
        if (items.Count > 0)
        {
            parent[name] = new JsonArray([.. items.Select(i => (JsonNode)i.ToJson(witness))]);
        }
    }

    private static void AddTime(JsonObject parent, string name, DateTimeOffset? time, bool witness)
    {
        if (time is { } t)
        {
            parent[name] = witness ? SlsaJson.ProtoTimestamp(t) : Rfc3339.Format(t);
        }
    }
}
