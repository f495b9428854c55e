namespace Cilock.Operations.Reporting;

/// <summary>What the report shows, extracted from the evidence (all strings raw; the writer encodes them).</summary>
internal sealed class ReportModel
{
    public string Title { get; set; } = "";

    public List<string> Sources { get; } = [];

    public List<ReportStep> Steps { get; } = [];

    public List<(int From, int To, int Shared)> Edges { get; } = [];

    public ReportVerdict? Verdict { get; set; }

    public List<string> Notes { get; } = [];
}

/// <summary>One signed step (attestation collection).</summary>
internal sealed class ReportStep
{
    public string Name { get; set; } = "";

    public string Reference { get; set; } = "";

    public string PredicateType { get; set; } = "";

    public List<(string KeyId, string Identity)> Signers { get; } = [];

    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    public List<string> AttestationTypes { get; } = [];

    public List<(string Name, string Value)> Ci { get; } = [];

    public List<(string Name, string Value)> Git { get; } = [];

    public string? Command { get; set; }

    public int? ExitCode { get; set; }

    public List<(string Path, string Digest)> Materials { get; } = [];

    public List<(string Path, string Digest)> Products { get; } = [];

    public List<(string Name, string Version, string Purl)> Components { get; } = [];

    public List<(string RuleId, string Level, string Message, string Location)> SarifResults { get; } = [];

    public (int Total, int Passed, int Failed, int Skipped)? Tests { get; set; }

    public List<(string Name, string Message)> FailedTests { get; } = [];

    public List<(string RuleId, string Location, int Line, string SecretSha256)> Secrets { get; } = [];

    public (int Processes, int OpenedFiles, int WrittenFiles, int Connections, int SyscallEvents, List<string> Programs)? Trace { get; set; }
}

/// <summary>The policy verdict from a verification summary (VSA).</summary>
internal sealed class ReportVerdict
{
    public string Result { get; set; } = "";

    public string PolicyDigest { get; set; } = "";

    public string TimeVerified { get; set; } = "";

    public string Resource { get; set; } = "";

    public List<(string Step, string Message)> Reasons { get; } = [];
}
