using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Verification;
using Cilock.Operations.Verification;
using Cilock.Policy.Verification;

namespace Cilock.Operations.Publishing;

/// <summary>
/// The gate's verifier: an adapter from <see cref="IPackageVerifier"/> to <see cref="VerifyOperation"/> (the code path of
/// <c>cilock verify</c>), with the package's private copy as the artifact file. A policy that cannot be trusted (bad
/// signature, expired, unsigned) or is not satisfied is a refusal (exit 1); an unreadable policy, key or evidence
/// file is an input error (thrown as <see cref="CilockException"/>, exit 2).
/// </summary>
public sealed class PolicyPackageVerifier : IPackageVerifier
{
    private readonly string _policyPath;
    private readonly IReadOnlyList<string> _keyPaths;
    private readonly PolicyVerificationOptions _options;

    /// <summary>Creates a verifier for <paramref name="policyPath"/> signed by one of <paramref name="policyKeyPaths"/>.</summary>
    /// <param name="policyPath">The signed policy (DSSE envelope).</param>
    /// <param name="policyKeyPaths">PEM public keys; at least one is required.</param>
    /// <param name="options">Verification options (clock, compatibility switches); default = cilock's hardened defaults.</param>
    public PolicyPackageVerifier(string policyPath, IReadOnlyList<string> policyKeyPaths, PolicyVerificationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(policyPath);
        ArgumentNullException.ThrowIfNull(policyKeyPaths);
        _policyPath = policyPath;
        _keyPaths = policyKeyPaths;
        _options = options ?? new PolicyVerificationOptions();
    }

    /// <summary>
    /// The Sigstore trusted root that proves bundles given as evidence (private Sigstore deployments); <c>null</c> =
    /// the embedded public-good root.
    /// </summary>
    public string? SigstoreTrustedRoot { get; init; }

    /// <summary>The factory <see cref="PushOperation.CreateDefault"/> uses.</summary>
    public static IPackageVerifier FromOptions(PushOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PolicyPackageVerifier(options.PolicyPath, options.PolicyKeyPaths, options.Verification) { SigstoreTrustedRoot = options.SigstoreTrustedRoot };
    }

    /// <inheritdoc />
    /// <exception cref="CilockException">The policy, a key or an evidence file is unreadable or malformed (input errors).</exception>
    public PackageVerdict Verify(PackageVerificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sha256 = request.Digest.Sha256Hex
                     ?? throw new CilockException(GateDiagnostics.VerificationError, "the package digest has no sha256 value");
        var options = new VerifyOptions(_policyPath, _keyPaths)
        {
            // The private copy: VerifyOperation hashes it again, and the subject digest pins the bytes the gate hashed.
            ArtifactFile = request.PackagePath,
            Subjects = [$"sha256:{sha256}"],
            Attestations = request.EvidencePaths,
            Verification = _options,
            SigstoreTrustedRoot = SigstoreTrustedRoot,
        };
        var result = VerifyOperation.CreateDefault().Execute(options, cancellationToken);
        switch (result.ExitCode)
        {
            case 0:
                return new PackageVerdict(true, [.. result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Error)])
                {
                    // What a folder feed publishes beside the package when the evidence was not its own sidecar.
                    PassedEvidence = [.. (result.Verification?.InputAttestations ?? []).Where(a => a.Passed)
                        .Select(a => new VerifiedEnvelope(a.Reference, a.PayloadSha256)).Distinct()],
                };
            case 1:
                return new PackageVerdict(false, result.Diagnostics.Count > 0 ? result.Diagnostics : [Diagnostic.Error(GateDiagnostics.Refused, "the policy was not satisfied")]);
            default:
                var error = result.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
                throw new CilockException(error?.Code ?? GateDiagnostics.VerificationError, error?.Message ?? $"verification failed with exit code {result.ExitCode}");
        }
    }

    /// <summary>Verifies a package file in place (MSBuild after-pack check): hashes it once and verifies that digest.</summary>
    /// <returns>The verdict and the sha256 that was verified.</returns>
    public (PackageVerdict Verdict, string Sha256) VerifyFile(string packagePath, IReadOnlyList<string> evidence, CancellationToken cancellationToken)
    {
        string sha256;
        try
        {
            using var stream = File.OpenRead(packagePath);
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(GateDiagnostics.PackageUnreadable, $"cannot read package '{packagePath}': {e.Message}", e);
        }

        if (evidence.Count == 0)
        {
            return (PackageVerdict.Fail(Diagnostic.Error(GateDiagnostics.EvidenceMissing, $"no evidence for '{packagePath}': its sidecar '{Path.GetFileName(packagePath)}.intoto.jsonl' is missing")), sha256);
        }

        var name = Path.GetFileNameWithoutExtension(packagePath);
        var request = new PackageVerificationRequest(packagePath, DigestSet.FromSha256(sha256), name, "", evidence);
        return (Verify(request, cancellationToken), sha256);
    }
}
