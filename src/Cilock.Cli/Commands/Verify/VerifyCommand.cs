using System.CommandLine;
using Cilock.Attestation.InToto;
using Cilock.Cli.Rendering;
using Cilock.Operations.Verification;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Loading;
using Cilock.Policy.Verification;

namespace Cilock.Cli.Commands.Verify;

/// <summary>
/// <c>cilock verify --policy P --publickey K (--artifactfile F | --subject sha256:HEX …) --attestations FILE|DIR …</c>:
/// verify evidence against a signed policy. Exit 0 pass, 1 fail (reasons printed), 2 usage or input error.
/// </summary>
internal sealed class VerifyCommand : Command
{
    private readonly Option<FileInfo> _policy = new("--policy", "-p") { Description = "Signed policy (DSSE envelope)", Required = true };
    private readonly Option<FileInfo[]> _publicKeys = new("--publickey", "-k") { Description = "Public key(s) the policy must be signed with", AllowMultipleArgumentsPerToken = true };
    private readonly Option<FileInfo[]> _policyCa = new("--policy-ca", "--policy-ca-roots") { Description = "CA root certificate(s) for a certificate-signed policy", AllowMultipleArgumentsPerToken = true };
    private readonly Option<FileInfo[]> _policyCaIntermediates = new("--policy-ca-intermediates") { Description = "CA intermediate certificate(s)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<FileInfo[]> _policyTsa = new("--policy-timestamp-servers") { Description = "TSA certificate(s) trusted for the policy signature", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string> _policyCommonName = new("--policy-commonname") { Description = "Required CN of a certificate policy signer" };
    private readonly Option<string[]> _policyEmails = new("--policy-emails") { Description = "Required email SANs of a certificate policy signer", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _policyUris = new("--policy-uris") { Description = "Required URI SANs of a certificate policy signer", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _policyDnsNames = new("--policy-dns-names") { Description = "Required DNS SANs of a certificate policy signer", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _policyOrganizations = new("--policy-organizations") { Description = "Required organizations of a certificate policy signer", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string> _policyIssuer = new("--policy-fulcio-oidc-issuer") { Description = "Required Fulcio OIDC issuer of a certificate policy signer" };
    private readonly Option<string> _policyRepo = new("--policy-fulcio-source-repository-uri") { Description = "Required Fulcio source repository URI of a certificate policy signer" };
    private readonly Option<FileInfo> _artifact = new("--artifactfile", "-f") { Description = "The artifact whose sha256 is verified" };
    private readonly Option<string[]> _subjects = new("--subject", "-s") { Description = "Subject digest(s) [alg:]hex", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _attestations = new("--attestations", "-a") { Description = "Evidence files (.json, .intoto.jsonl) or directories", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _bundles = new("--bundle") { Description = "Evidence bundle(s) (.tar.gz, cilock bundle create)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<FileInfo> _trustedRoot = new("--trusted-root") { Description = "Sigstore trusted_root.json for *.sigstore.json evidence (default: the embedded public-good root)" };
    private readonly Archivista.ArchivistaOptions _archivista = new("Also search this Archivista server for the subjects' evidence (depth-3 backrefs)");
    private readonly Option<string> _format = new("--format") { Description = "Output format", DefaultValueFactory = _ => "text" };
    private readonly Option<FileInfo> _vsaOut = new("--vsa-outfile") { Description = "Write a verification summary (SLSA VSA) here, on pass and on fail" };
    private readonly Option<FileInfo> _vsaKey = new("--vsa-signing-key") { Description = "Private key that signs the VSA (else the bare statement is written)" };
    private readonly Option<string> _digestEquality = new("--digest-equality") { Description = "artifactsFrom digest equality: strict (default) or lenient (Witness v0.10)", DefaultValueFactory = _ => "strict" };
    private readonly Option<bool> _matchAll = new("--match-all-digest-algorithms") { Description = "Witness compat: search every subject digest algorithm (sha1 included)" };
    private readonly Option<bool> _timeFallback = new("--witness-time-fallback") { Description = "Witness compat: verify certificate signatures at now when no TSA is configured" };
    private readonly Option<string> _v03 = new("--v03-leaves") { Description = "v0.3 Merkle leaves: auto (default) or content-only (cilock HEAD)", DefaultValueFactory = _ => "auto" };
    private readonly Option<string> _hardening = new("--policy-hardening") { Description = "enforce (default; env CILOCK_POLICY_HARDENING) or warn" };
    private readonly Option<bool> _ignoreExt = new("--compat-ignore-unknown-extension-keys") { Description = "Go compat: drop unknown Fulcio extension keys instead of failing" };
    private readonly Option<string> _missingDeny = new("--rego-missing-deny") { Description = "A Rego package without deny: fail (default) or pass (Witness)", DefaultValueFactory = _ => "fail" };
    private readonly Option<string> _certConstraints = new("--cert-constraints") { Description = "Certificate constraint semantics: cilock (default) or witness", DefaultValueFactory = _ => "cilock" };
    private readonly Option<string> _rsaPkcs1 = new("--rsa-pkcs1v15") { Description = "RSA PKCS#1 v1.5 signatures: accept (default) or kms-only", DefaultValueFactory = _ => "accept" };

    /// <summary>Creates the command.</summary>
    public VerifyCommand()
        : base("verify", "Verify evidence against a signed policy (exit 0 pass, 1 fail, 2 usage error)")
    {
        _format.AcceptOnlyFromAmong("text", "json");
        _digestEquality.AcceptOnlyFromAmong("strict", "lenient");
        _v03.AcceptOnlyFromAmong("auto", "content-only");
        _hardening.AcceptOnlyFromAmong("enforce", "warn");
        _missingDeny.AcceptOnlyFromAmong("fail", "pass");
        _certConstraints.AcceptOnlyFromAmong("cilock", "witness");
        _rsaPkcs1.AcceptOnlyFromAmong("accept", "kms-only");
        foreach (var option in new Option[]
        {
            _policy, _publicKeys, _policyCa, _policyCaIntermediates, _policyTsa, _policyCommonName, _policyEmails, _policyUris,
            _policyDnsNames, _policyOrganizations, _policyIssuer, _policyRepo, _artifact, _subjects, _attestations, _format,
            _vsaOut, _vsaKey, _digestEquality, _matchAll, _timeFallback, _v03, _hardening, _ignoreExt, _missingDeny,
            _certConstraints, _rsaPkcs1, _bundles, _trustedRoot,
        })
        {
            Options.Add(option);
        }

        _archivista.AddTo(this);

        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var artifact = parse.GetValue(_artifact);
        var subjects = parse.GetValue(_subjects) ?? [];
        if (artifact is null && subjects.Length == 0)
        {
            DiagnosticWriter.Error(error, PolicyDiagnostics.VerifyInputInvalid, "give --artifactfile FILE or at least one --subject sha256:HEX");
            return 2;
        }

        var hardening = parse.GetValue(_hardening) ?? Environment.GetEnvironmentVariable("CILOCK_POLICY_HARDENING") ?? "enforce";
        var extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (parse.GetValue(_policyIssuer) is { Length: > 0 } issuer)
        {
            extensions["Issuer"] = issuer;
        }

        if (parse.GetValue(_policyRepo) is { Length: > 0 } repo)
        {
            extensions["SourceRepositoryURI"] = repo;
        }

        var options = new VerifyOptions(parse.GetValue(_policy)!.FullName, [.. (parse.GetValue(_publicKeys) ?? []).Select(f => f.FullName)])
        {
            PolicyCaRoots = [.. (parse.GetValue(_policyCa) ?? []).Select(f => f.FullName)],
            PolicyCaIntermediates = [.. (parse.GetValue(_policyCaIntermediates) ?? []).Select(f => f.FullName)],
            PolicyTimestampAuthorities = [.. (parse.GetValue(_policyTsa) ?? []).Select(f => f.FullName)],
            PolicySigner = new PolicySignerIdentity
            {
                CommonName = parse.GetValue(_policyCommonName),
                Emails = NullIfEmpty(parse.GetValue(_policyEmails)),
                Uris = NullIfEmpty(parse.GetValue(_policyUris)),
                DnsNames = NullIfEmpty(parse.GetValue(_policyDnsNames)),
                Organizations = NullIfEmpty(parse.GetValue(_policyOrganizations)),
                Extensions = extensions.Count > 0 ? extensions : null,
            },
            ArtifactFile = artifact?.FullName,
            Subjects = subjects,
            Attestations = parse.GetValue(_attestations) ?? [],
            Bundles = [.. (parse.GetValue(_bundles) ?? []).Select(Path.GetFullPath)],
            Archivista = _archivista.ToSettings(parse),
            SigstoreTrustedRoot = parse.GetValue(_trustedRoot)?.FullName,
            VsaOutFile = parse.GetValue(_vsaOut)?.FullName,
            VsaSigningKey = parse.GetValue(_vsaKey)?.FullName,
            Verification = new PolicyVerificationOptions
            {
                DigestEquality = parse.GetValue(_digestEquality) == "lenient" ? DigestEquality.Lenient : DigestEquality.Strict,
                MatchAllDigestAlgorithms = parse.GetValue(_matchAll),
                WitnessTimeFallback = parse.GetValue(_timeFallback),
                V03Leaves = parse.GetValue(_v03) == "content-only" ? V03LeafMode.ContentOnly : V03LeafMode.Auto,
                Hardening = string.Equals(hardening, "warn", StringComparison.OrdinalIgnoreCase) ? PolicyHardening.Warn : PolicyHardening.Enforce,
                IgnoreUnknownExtensionKeys = parse.GetValue(_ignoreExt),
                RegoMissingDenyPasses = parse.GetValue(_missingDeny) == "pass",
                CertConstraints = parse.GetValue(_certConstraints) == "witness" ? ConstraintSemantics.Witness : ConstraintSemantics.Cilock,
                RsaPkcs1v15KmsOnly = parse.GetValue(_rsaPkcs1) == "kms-only",
            },
        };
        var result = await VerifyOperation.CreateDefault().ExecuteAsync(options, cancellationToken).ConfigureAwait(false);
        Report.CiOutput.VerifySummary(result, artifact?.Name ?? string.Join(", ", subjects), error);
        if (parse.GetValue(_format) == "json")
        {
            output.WriteLine(VerifyReport.ToJson(result));
            // Input errors (no verdict) also go to stderr in the usual format; the verdict itself is the JSON.
            if (result.Verification is null)
            {
                DiagnosticWriter.Write(error, result.Diagnostics);
            }
        }
        else
        {
            DiagnosticWriter.Write(error, result.Diagnostics);
            if (result.Verification is not null)
            {
                output.Write(VerifyReport.ToText(result));
            }
        }

        return result.ExitCode;
    }

    private static string[]? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? values : null;
}
