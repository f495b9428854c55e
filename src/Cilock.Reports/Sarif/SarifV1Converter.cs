using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cilock.Attestation.Diagnostics;
using Cilock.Reports.Attestors;

namespace Cilock.Reports.Sarif;

/// <summary>
/// Converts a SARIF 1.0.0 log (what csc/vbc write for an <c>ErrorLog</c> without <c>version=2.1</c>, and older tools)
/// into SARIF 2.1.0, the way the compiler itself writes 2.1.0 for the same diagnostics: <c>tool</c> →
/// <c>tool.driver</c>, the <c>rules</c> dictionary → <c>driver.rules[]</c> (+ <c>result.ruleIndex</c>), string
/// messages → <c>{text}</c>, <c>resultFile</c>/<c>analysisTarget</c> → <c>physicalLocation.artifactLocation</c>,
/// <c>offset</c>/<c>length</c> → <c>charOffset</c>/<c>charLength</c>, <c>suppressionStates</c> →
/// <c>suppressions[].kind</c>, <c>baselineState</c> existing → unchanged, the v1 levels <c>pass</c>/<c>open</c>/
/// <c>notApplicable</c> → <c>kind</c> with level <c>none</c>, <c>invocation</c> and tool/configuration
/// notifications → <c>invocations[]</c>, <c>files</c> → <c>artifacts[]</c>, <c>originalUriBaseIds</c> strings →
/// <c>{uri}</c>. v1 members with no 2.1.0 counterpart here (code flows, stacks, fixes, logical location tables…) are
/// kept, unchanged, in the enclosing object's <c>properties</c> under <c>sarifv1/&lt;name&gt;</c>, so no evidence is
/// lost and the result stays schema-valid.
/// </summary>
internal static partial class SarifV1Converter
{
    private const string MovedPrefix = "sarifv1/";

    /// <summary>The 2.1.0 log for a v1 <paramref name="log"/>; <paramref name="name"/> is used in messages only.</summary>
    /// <exception cref="CilockException">CIL2131 when the v1 log has a shape this converter cannot map.</exception>
    public static JsonObject Convert(JsonObject log, string name)
    {
        try
        {
            if (log["runs"] is not JsonArray runs)
            {
                throw new FormatException("'runs' is not an array");
            }

            var converted = new JsonArray();
            foreach (var run in runs)
            {
                converted.Add(Run(Object(run, "run")));
            }

            return new JsonObject { ["$schema"] = SarifDocument.SchemaUri, ["version"] = SarifDocument.Version, ["runs"] = converted };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            // InvalidOperationException: a member of an unexpected JSON kind, or a string with a lone surrogate.
            throw new CilockException(
                ReportReaderDiagnostics.SarifVersionUnsupported,
                $"'{name}' is a SARIF 1.0.0 log that cannot be converted to SARIF {SarifDocument.Version} ({e.Message}); for the compiler, set ErrorLog to '<path>,version=2.1'",
                e);
        }
    }

    private static JsonObject Run(JsonObject run)
    {
        var result = new JsonObject();
        var properties = Properties(run);
        var rules = RulesOf(run["rules"]);
        result["tool"] = Tool(Object(run["tool"], "tool"), rules);

        var invocation = Invocation(run);
        if (invocation is not null)
        {
            result["invocations"] = new JsonArray(invocation);
        }

        if (run["originalUriBaseIds"] is JsonObject bases)
        {
            var converted = new JsonObject();
            foreach (var (id, value) in bases)
            {
                converted[id] = new JsonObject { ["uri"] = String(value, "originalUriBaseIds." + id) };
            }

            result["originalUriBaseIds"] = converted;
        }

        if (run["files"] is JsonObject files)
        {
            result["artifacts"] = Artifacts(files);
        }

        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            indexes.TryAdd(rules[i]["id"]!.GetValue<string>(), i);
        }

        var results = new JsonArray();
        foreach (var item in run["results"] as JsonArray ?? [])
        {
            results.Add(Result(Object(item, "result"), indexes));
        }

        result["results"] = results;
        if (run["automationId"] is JsonValue automation)
        {
            result["automationDetails"] = new JsonObject { ["id"] = String(automation, "automationId") };
        }

        // The compiler counts columns in UTF-16 code units (and says so when it writes 2.1.0).
        result["columnKind"] = "utf16CodeUnits";
        Finish(run, result, properties, "tool", "invocation", "originalUriBaseIds", "files", "rules", "results", "automationId", "toolNotifications", "configurationNotifications", "properties");

        return result;
    }

    private static JsonObject Tool(JsonObject tool, List<JsonObject> rules)
    {
        var driver = new JsonObject { ["name"] = String(tool["name"], "tool.name") };
        var properties = Properties(tool);
        Copy(tool, driver, "fullName", "fullName");
        var version = tool["version"] is { } v ? String(v, "tool.version") : null;
        var fileVersion = tool["fileVersion"] is { } f ? String(f, "tool.fileVersion") : null;
        if (fileVersion is not null && !DottedQuad().IsMatch(fileVersion) && version is not null && DottedQuad().IsMatch(version))
        {
            // The compiler's v1 layout (assembly version in "version", informational version in "fileVersion"),
            // which it writes the other way round in 2.1.0.
            (version, fileVersion) = (fileVersion, version);
        }

        if (version is not null)
        {
            driver["version"] = version;
        }

        Copy(tool, driver, "semanticVersion", "semanticVersion");
        Copy(tool, driver, "language", "language");
        if (fileVersion is not null)
        {
            if (DottedQuad().IsMatch(fileVersion))
            {
                driver["dottedQuadFileVersion"] = fileVersion;
            }
            else
            {
                properties["fileVersion"] = fileVersion;
            }
        }

        if (rules.Count > 0)
        {
            driver["rules"] = new JsonArray([.. rules]);
        }

        Finish(tool, driver, properties, "name", "fullName", "version", "semanticVersion", "language", "fileVersion", "properties");

        return new JsonObject { ["driver"] = driver };
    }

    // v1: { "<id>": rule }; the key is the id when the rule has none.
    private static List<JsonObject> RulesOf(JsonNode? node)
    {
        var rules = new List<JsonObject>();
        if (node is null)
        {
            return rules;
        }

        foreach (var (key, value) in node as JsonObject ?? throw new FormatException("'rules' is not an object"))
        {
            var rule = Object(value, "rule " + key);
            var converted = new JsonObject { ["id"] = rule["id"] is JsonValue id ? String(id, "rule.id") : key };
            var properties = Properties(rule);
            Copy(rule, converted, "name", "name");
            Message(rule, converted, "shortDescription", "shortDescription");
            Message(rule, converted, "fullDescription", "fullDescription");
            if (rule["messageFormats"] is JsonObject formats)
            {
                var strings = new JsonObject();
                foreach (var (formatId, format) in formats)
                {
                    strings[formatId] = new JsonObject { ["text"] = String(format, "messageFormats." + formatId) };
                }

                converted["messageStrings"] = strings;
            }

            if (rule["defaultLevel"] is JsonValue level)
            {
                var (v2, _) = Level(String(level, "rule.defaultLevel"));
                converted["defaultConfiguration"] = new JsonObject { ["level"] = v2 };
            }

            Copy(rule, converted, "helpUri", "helpUri");
            Message(rule, converted, "help", "help");
            Finish(rule, converted, properties, "id", "name", "shortDescription", "fullDescription", "messageFormats", "defaultLevel", "helpUri", "help", "properties");

            rules.Add(converted);
        }

        return rules;
    }

    private static JsonObject Result(JsonObject result, Dictionary<string, int> rules)
    {
        var converted = new JsonObject();
        var properties = Properties(result);
        if (result["ruleId"] is JsonValue ruleId)
        {
            var id = String(ruleId, "result.ruleId");
            converted["ruleId"] = id;
            if (rules.TryGetValue(id, out var index))
            {
                converted["ruleIndex"] = index;
            }
        }

        if (result["level"] is JsonValue levelValue)
        {
            var (level, kind) = Level(String(levelValue, "result.level"));
            if (kind is not null)
            {
                converted["kind"] = kind;
            }

            converted["level"] = level;
        }

        // 2.1.0 requires a message: the text, else the rule's format and its arguments, else an empty text.
        if (result["message"] is JsonValue message)
        {
            converted["message"] = new JsonObject { ["text"] = String(message, "result.message") };
        }
        else if (result["formattedRuleMessage"] is JsonObject formatted)
        {
            var text = new JsonObject { ["id"] = String(formatted["formatId"], "formattedRuleMessage.formatId") };
            if (formatted["arguments"] is JsonArray arguments)
            {
                text["arguments"] = arguments.DeepClone();
            }

            converted["message"] = text;
        }
        else
        {
            converted["message"] = new JsonObject { ["text"] = "" };
        }

        if (result["suppressionStates"] is JsonArray states)
        {
            var suppressions = new JsonArray();
            foreach (var state in states)
            {
                suppressions.Add(new JsonObject
                {
                    ["kind"] = String(state, "suppressionStates") switch
                    {
                        "suppressedInSource" => "inSource",
                        "suppressedExternally" => "external",
                        var other => throw new FormatException($"unknown suppression state '{other}'"),
                    },
                });
            }

            converted["suppressions"] = suppressions;
        }

        if (result["baselineState"] is JsonValue baseline)
        {
            converted["baselineState"] = String(baseline, "baselineState") switch
            {
                "existing" => "unchanged",
                "new" => "new",
                "absent" => "absent",
                var other => throw new FormatException($"unknown baseline state '{other}'"),
            };
        }

        if (result["locations"] is JsonArray locations)
        {
            converted["locations"] = new JsonArray([.. locations.Select(l => (JsonNode)Location(Object(l, "location")))]);
        }

        if (result["relatedLocations"] is JsonArray related)
        {
            converted["relatedLocations"] = new JsonArray([.. related.Select(l => (JsonNode)Related(Object(l, "relatedLocation")))]);
        }

        if (result["toolFingerprintContribution"] is JsonValue fingerprint)
        {
            converted["partialFingerprints"] = new JsonObject { ["toolFingerprintContribution/v1"] = String(fingerprint, "toolFingerprintContribution") };
        }

        Finish(result, converted, properties, "ruleId", "level", "message", "formattedRuleMessage", "suppressionStates", "baselineState", "locations", "relatedLocations", "toolFingerprintContribution", "properties");

        return converted;
    }

    // v1 location: { resultFile | analysisTarget: { uri, uriBaseId, region }, fullyQualifiedLogicalName, … }.
    private static JsonObject Location(JsonObject location)
    {
        var converted = new JsonObject();
        var properties = Properties(location);
        if ((location["resultFile"] ?? location["analysisTarget"]) is { } file)
        {
            converted["physicalLocation"] = PhysicalLocation(Object(file, "resultFile"));
        }

        if (location["fullyQualifiedLogicalName"] is JsonValue logical)
        {
            var entry = new JsonObject { ["fullyQualifiedName"] = String(logical, "fullyQualifiedLogicalName") };
            Copy(location, entry, "decoratedName", "decoratedName");
            converted["logicalLocations"] = new JsonArray(entry);
        }

        // A result file and a different analysis target: the target is kept as evidence, it has no 2.1.0 slot here.
        Finish(location, converted, properties, "resultFile", location["resultFile"] is null ? "analysisTarget" : "", "fullyQualifiedLogicalName", "decoratedName", "properties");

        return converted;
    }

    // v1 annotatedCodeLocation: { physicalLocation: { uri, uriBaseId, region }, message, … }.
    private static JsonObject Related(JsonObject location)
    {
        var converted = new JsonObject();
        var properties = Properties(location);
        if (location["physicalLocation"] is { } physical)
        {
            converted["physicalLocation"] = PhysicalLocation(Object(physical, "physicalLocation"));
        }

        Message(location, converted, "message", "message");
        Finish(location, converted, properties, "physicalLocation", "message", "properties");

        return converted;
    }

    private static JsonObject PhysicalLocation(JsonObject physical)
    {
        var artifact = new JsonObject { ["uri"] = String(physical["uri"], "uri") };
        Copy(physical, artifact, "uriBaseId", "uriBaseId");
        var converted = new JsonObject { ["artifactLocation"] = artifact };
        if (physical["region"] is { } regionNode)
        {
            var region = Object(regionNode, "region");
            var mapped = new JsonObject();
            foreach (var (v1, v2) in new[] { ("startLine", "startLine"), ("startColumn", "startColumn"), ("endLine", "endLine"), ("endColumn", "endColumn"), ("offset", "charOffset"), ("length", "charLength") })
            {
                if (region[v1] is JsonValue value)
                {
                    mapped[v2] = value.GetValue<int>();
                }
            }

            converted["region"] = mapped;
        }

        return converted;
    }

    private static JsonObject? Invocation(JsonObject run)
    {
        var invocation = run["invocation"] is { } node ? Object(node, "invocation") : null;
        var tool = run["toolNotifications"] as JsonArray;
        var configuration = run["configurationNotifications"] as JsonArray;
        if (invocation is null && tool is null && configuration is null)
        {
            return null;
        }

        var converted = new JsonObject();
        var properties = invocation is null ? [] : Properties(invocation);
        if (invocation is not null)
        {
            Copy(invocation, converted, "commandLine", "commandLine");
            if (invocation["fileName"] is JsonValue fileName)
            {
                converted["executableLocation"] = new JsonObject { ["uri"] = FileUri(String(fileName, "invocation.fileName")) };
            }

            Copy(invocation, converted, "startTime", "startTimeUtc");
            Copy(invocation, converted, "endTime", "endTimeUtc");
            Copy(invocation, converted, "processId", "processId");
            if (invocation["workingDirectory"] is JsonValue directory)
            {
                converted["workingDirectory"] = new JsonObject { ["uri"] = FileUri(String(directory, "invocation.workingDirectory")) };
            }

            Copy(invocation, converted, "environmentVariables", "environmentVariables");
            Move(invocation, properties, "commandLine", "fileName", "startTime", "endTime", "processId", "workingDirectory", "environmentVariables", "properties");
        }

        var failed = false;
        if (tool is not null)
        {
            converted["toolExecutionNotifications"] = Notifications(tool, ref failed);
        }

        if (configuration is not null)
        {
            converted["toolConfigurationNotifications"] = Notifications(configuration, ref failed);
        }

        // Required in 2.1.0; v1 has no such flag, so an error-level tool notification is the only failure signal.
        converted["executionSuccessful"] = !failed;
        if (properties.Count > 0)
        {
            converted["properties"] = properties;
        }

        return converted;
    }

    private static JsonArray Notifications(JsonArray notifications, ref bool failed)
    {
        var converted = new JsonArray();
        foreach (var item in notifications)
        {
            var notification = Object(item, "notification");
            var entry = new JsonObject();
            var properties = Properties(notification);
            if (notification["id"] is JsonValue id)
            {
                entry["descriptor"] = new JsonObject { ["id"] = String(id, "notification.id") };
            }

            if (notification["ruleId"] is JsonValue ruleId)
            {
                entry["associatedRule"] = new JsonObject { ["id"] = String(ruleId, "notification.ruleId") };
            }

            entry["message"] = new JsonObject { ["text"] = notification["message"] is JsonValue m ? String(m, "notification.message") : "" };
            if (notification["level"] is JsonValue levelValue)
            {
                var (level, _) = Level(String(levelValue, "notification.level"));
                entry["level"] = level;
                failed |= level == "error";
            }

            Copy(notification, entry, "time", "timeUtc");
            Copy(notification, entry, "threadId", "threadId");
            Finish(notification, entry, properties, "id", "ruleId", "message", "level", "time", "threadId", "properties");

            converted.Add(entry);
        }

        return converted;
    }

    // v1 files: { "<uri>": { mimeType, hashes: [{ value, algorithm }], length, … } }.
    private static JsonArray Artifacts(JsonObject files)
    {
        var artifacts = new JsonArray();
        foreach (var (uri, value) in files)
        {
            var file = Object(value, "file " + uri);
            var artifact = new JsonObject { ["location"] = new JsonObject { ["uri"] = file["uri"] is JsonValue u ? String(u, "file.uri") : uri } };
            var properties = Properties(file);
            if (file["uriBaseId"] is JsonValue baseId)
            {
                artifact["location"]!["uriBaseId"] = String(baseId, "file.uriBaseId");
            }

            Copy(file, artifact, "mimeType", "mimeType");
            Copy(file, artifact, "length", "length");
            if (file["hashes"] is JsonArray hashes)
            {
                var converted = new JsonObject();
                foreach (var hash in hashes)
                {
                    var h = Object(hash, "hash");
                    converted[HashName(String(h["algorithm"], "hash.algorithm"))] = String(h["value"], "hash.value");
                }

                artifact["hashes"] = converted;
            }

            Finish(file, artifact, properties, "uri", "uriBaseId", "mimeType", "length", "hashes", "properties");

            artifacts.Add(artifact);
        }

        return artifacts;
    }

    // 2.1.0 names hashes as the IANA registry does ("sha-256"); v1 used "sha256", "sha1", "md5"….
    private static string HashName(string v1)
    {
        var name = v1.ToLowerInvariant();
        return name.StartsWith("sha", StringComparison.Ordinal) && name.Length > 3 && char.IsAsciiDigit(name[3]) ? "sha-" + name[3..] : name;
    }

    // v1 levels: note, warning, error, plus pass/open/notApplicable, which 2.1.0 expresses as a kind with level none.
    private static (string Level, string? Kind) Level(string level) => level switch
    {
        "note" or "warning" or "error" => (level, null),
        "pass" or "open" or "notApplicable" => ("none", level),
        _ => throw new FormatException($"unknown level '{level}'"),
    };

    // v1 invocation paths are file system paths; 2.1.0 wants URIs ("/opt/x" is a relative reference there).
    private static string FileUri(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Scheme) ? uri.AbsoluteUri : path.Replace('\\', '/');

    private static void Message(JsonObject from, JsonObject to, string v1, string v2)
    {
        if (from[v1] is JsonValue value)
        {
            to[v2] = new JsonObject { ["text"] = String(value, v1) };
        }
    }

    private static void Copy(JsonObject from, JsonObject to, string v1, string v2)
    {
        if (from[v1] is { } value)
        {
            to[v2] = value.DeepClone();
        }
    }

    // The v1 properties bag, copied: unmapped members are added to it.
    private static JsonObject Properties(JsonObject v1) =>
        v1["properties"] is { } properties ? (JsonObject)Object(properties, "properties").DeepClone() : [];

    // Moves the unmapped v1 members into the properties bag and sets it on the converted object when not empty.
    private static void Finish(JsonObject from, JsonObject to, JsonObject properties, params string[] handled)
    {
        Move(from, properties, handled);
        if (properties.Count > 0)
        {
            to["properties"] = properties;
        }
    }

    private static void Move(JsonObject from, JsonObject properties, params string[] handled)
    {
        foreach (var (key, value) in from)
        {
            if (!handled.Contains(key) && key != "$schema")
            {
                properties[MovedPrefix + key] = value?.DeepClone();
            }
        }
    }

    private static JsonObject Object(JsonNode? node, string what) =>
        node as JsonObject ?? throw new FormatException($"{what} is not an object");

    private static string String(JsonNode? node, string what) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new FormatException($"{what} is not a string");

    [GeneratedRegex("^[0-9]+(\\.[0-9]+){3}$")]
    private static partial Regex DottedQuad();
}
