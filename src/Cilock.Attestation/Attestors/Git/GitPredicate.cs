using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Attestors.Git;

/// <summary>The git attestation (spec attestors.md §6); empty strings and empty lists are omitted where Go omits them.</summary>
public sealed record GitPredicate
{
    /// <summary>The tool that read the repository.</summary>
    public string GitTool { get; init; } = "";

    /// <summary>The HEAD commit (40 hex), empty for a repository without commits.</summary>
    public string CommitHash { get; init; } = "";

    /// <summary>Author name.</summary>
    public string Author { get; init; } = "";

    /// <summary>Author e-mail.</summary>
    public string AuthorEmail { get; init; } = "";

    /// <summary>Committer name.</summary>
    public string CommitterName { get; init; } = "";

    /// <summary>Committer e-mail.</summary>
    public string CommitterEmail { get; init; } = "";

    /// <summary>Commit date in Go's <c>time.Time.String()</c> form (not RFC 3339).</summary>
    public string CommitDate { get; init; } = "";

    /// <summary>The commit message.</summary>
    public string CommitMessage { get; init; } = "";

    /// <summary>Per-path status of changed and untracked files.</summary>
    public IReadOnlyDictionary<string, GitFileStatus> Status { get; init; } = new Dictionary<string, GitFileStatus>();

    /// <summary>The commit's PGP/SSH signature, if signed.</summary>
    public string Signature { get; init; } = "";

    /// <summary>Parent commit hashes.</summary>
    public IReadOnlyList<string> ParentHashes { get; init; } = [];

    /// <summary>The root tree hash.</summary>
    public string TreeHash { get; init; } = "";

    /// <summary>References pointing at HEAD (canonical names).</summary>
    public IReadOnlyList<string> Refs { get; init; } = [];

    /// <summary>Remote URLs with credentials stripped.</summary>
    public IReadOnlyList<string> Remotes { get; init; } = [];

    /// <summary>Tags pointing at HEAD.</summary>
    public IReadOnlyList<GitTag> Tags { get; init; } = [];

    /// <summary>The short name of the checked-out branch (empty when detached).</summary>
    public string Branch { get; init; } = "";

    /// <summary>The JSON object in Go member order.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject();
        Add(o, "gittool", GitTool);
        o["commithash"] = CommitHash;
        o["author"] = Author;
        o["authoremail"] = AuthorEmail;
        o["committername"] = CommitterName;
        o["committeremail"] = CommitterEmail;
        o["commitdate"] = CommitDate;
        o["commitmessage"] = CommitMessage;
        if (Status.Count > 0)
        {
            var status = new JsonObject();
            foreach (var (path, s) in Status.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var entry = new JsonObject();
                Add(entry, "staging", s.Staging);
                Add(entry, "worktree", s.Worktree);
                status[path] = entry;
            }

            o["status"] = status;
        }

        if (CommitHash.Length > 0)
        {
            o["commitdigest"] = new JsonObject { ["sha1"] = CommitHash };
        }

        Add(o, "signature", Signature);
        AddList(o, "parenthashes", ParentHashes);
        Add(o, "treehash", TreeHash);
        AddList(o, "refs", Refs);
        AddList(o, "remotes", Remotes);
        if (Tags.Count > 0)
        {
            var tags = new JsonArray();
            foreach (var t in Tags)
            {
                tags.Add(new JsonObject
                {
                    ["name"] = t.Name,
                    ["taggername"] = t.TaggerName,
                    ["taggeremail"] = t.TaggerEmail,
                    ["when"] = t.When,
                    ["pgpsignature"] = t.PgpSignature,
                    ["message"] = t.Message,
                });
            }

            o["tags"] = tags;
        }

        Add(o, "branch", Branch);
        return o;
    }

    /// <summary>Decodes a git attestation (either dialect).</summary>
    /// <exception cref="JsonException">When a member has the wrong type.</exception>
    public static GitPredicate FromJson(JsonNode? node)
    {
        var status = new Dictionary<string, GitFileStatus>(StringComparer.Ordinal);
        if (GoJson.Get(node, "status") is JsonObject s)
        {
            foreach (var (path, value) in s)
            {
                status[path] = new GitFileStatus(NullIfEmpty(GoJson.GetString(value, "staging")), NullIfEmpty(GoJson.GetString(value, "worktree")));
            }
        }

        var tags = new List<GitTag>();
        foreach (var t in GoJson.Get(node, "tags") as JsonArray ?? [])
        {
            tags.Add(new GitTag(
                GoJson.GetString(t, "name"), GoJson.GetString(t, "taggername"), GoJson.GetString(t, "taggeremail"),
                GoJson.GetString(t, "when"), GoJson.GetString(t, "pgpsignature"), GoJson.GetString(t, "message")));
        }

        return new GitPredicate
        {
            GitTool = GoJson.GetString(node, "gittool"),
            CommitHash = GoJson.GetString(node, "commithash"),
            Author = GoJson.GetString(node, "author"),
            AuthorEmail = GoJson.GetString(node, "authoremail"),
            CommitterName = GoJson.GetString(node, "committername"),
            CommitterEmail = GoJson.GetString(node, "committeremail"),
            CommitDate = GoJson.GetString(node, "commitdate"),
            CommitMessage = GoJson.GetString(node, "commitmessage"),
            Status = status,
            Signature = GoJson.GetString(node, "signature"),
            ParentHashes = Strings(GoJson.Get(node, "parenthashes")),
            TreeHash = GoJson.GetString(node, "treehash"),
            Refs = Strings(GoJson.Get(node, "refs")),
            Remotes = Strings(GoJson.Get(node, "remotes")),
            Tags = tags,
            Branch = GoJson.GetString(node, "branch"),
        };
    }

    private static List<string> Strings(JsonNode? node) =>
        node is null ? [] : [.. (node as JsonArray ?? throw new JsonException("expected an array of strings")).Select(n => n?.GetValue<string>() ?? "")];

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static void Add(JsonObject o, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            o[name] = value;
        }
    }

    private static void AddList(JsonObject o, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            o[name] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
    }
}
