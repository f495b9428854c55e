using System.Security.Cryptography;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;
using Cilock.Attestation.Signing;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Evidence;
using Cilock.Policy.Loading;
using Cilock.Policy.Verification;
using Cilock.Policy.Vsa;

namespace Cilock.Operations.Verification;

/// <summary>
/// Verify evidence against a signed policy: load and check the policy, hash the artifact, run the verification, write
/// the VSA on pass and on fail. Shared by <c>cilock verify</c> and the <c>CilockVerify</c> MSBuild task; never throws
/// for bad input — every problem comes back as a coded diagnostic with exit code 1 or 2.
/// </summary>
public sealed class VerifyOperation
{
    // A policy that cannot be trusted is a failed check (exit 1), not broken input.
    private static readonly HashSet<string> TrustFailures = new(StringComparer.Ordinal)
    {
        PolicyDiagnostics.PolicySignatureInvalid, PolicyDiagnostics.PolicyExpired, PolicyDiagnostics.PolicyUnsigned,
        PolicyDiagnostics.PolicySignerUnpinned, PolicyDiagnostics.PolicyInvalid, PolicyDiagnostics.PolicyEmpty,
        PolicyDiagnostics.UnknownExtensionKey, PolicyDiagnostics.PolicyKeyInvalid,
    };

    /// <summary>The operation with its default collaborators.</summary>
    public static VerifyOperation CreateDefault() => new();

    /// <summary>Runs the verification synchronously (MSBuild tasks).</summary>
    public VerifyResult Execute(VerifyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return ExecuteCore(options, cancellationToken);
        }
        catch (CilockException e)
        {
            return new VerifyResult(TrustFailures.Contains(e.Code) ? 1 : 2, [e.ToDiagnostic()], null, null);
        }
    }

    /// <summary>Runs the verification on the thread pool (CLI).</summary>
    public Task<VerifyResult> ExecuteAsync(VerifyOptions options, CancellationToken cancellationToken = default) =>
        Task.Run(() => Execute(options, cancellationToken), cancellationToken);

    private static VerifyResult ExecuteCore(VerifyOptions options, CancellationToken ct)
    {
        if (options.PolicyPublicKeys.Count == 0 && options.PolicyCaRoots.Count == 0 && !options.AllowUnsignedPolicyUnsafe)
        {
            throw new CilockException(PolicyDiagnostics.PolicyTrustMissing, "no policy key given: pass --publickey (or --policy-ca) so the policy signature can be checked");
        }

        if (!Archivista.VerifyEvidence.Any(options))
        {
            throw new CilockException(PolicyDiagnostics.VerifyInputInvalid, "no evidence given: pass --attestations FILE|DIR, --bundle FILE or --archivista URL");
        }

        var load = new PolicyLoadOptions
        {
            PublicKeys = [.. options.PolicyPublicKeys.Select(p => KeyLoader.LoadVerifier(p))],
            CaRoots = [.. options.PolicyCaRoots.SelectMany(p => LoadCertificates(p))],
            CaIntermediates = [.. options.PolicyCaIntermediates.SelectMany(p => LoadCertificates(p))],
            TimestampAuthorities = [.. options.PolicyTimestampAuthorities.Select(p => LoadCertificates(p)).Select((c, i) => new TimestampAuthority($"policy-tsa-{i}", c[0], [.. c.Skip(1)]))],
            SignerIdentity = options.PolicySigner,
            AllowUnsignedUnsafe = options.AllowUnsignedPolicyUnsafe,
            Verification = options.Verification,
        };
        var policy = PolicyLoader.Load(options.PolicyPath, load);
        var artifact = options.ArtifactFile is { } file ? HashFile(file) : null;
        var subjects = new VerificationSubjects(options.Subjects, artifact, options.ArtifactFile is { } f ? Path.GetFileName(f) : null);
        var bundles = BundleEvidence.Reader(options, policy);
        var result = new PolicyVerifier(policy, options.Verification).Verify(Archivista.VerifyEvidence.Create(options, artifact, bundles), subjects, ct);
        string? vsaPath = null;
        if (options.VsaOutFile is { } vsa)
        {
            var signer = options.VsaSigningKey is { } key ? KeyLoader.LoadSigner(key, options.VsaSigningKeyPasswordEnvironmentVariable) : null;
            var statement = VerificationSummary.Build(result, policy, subjects, options.Verification.Time.GetUtcNow());
            AtomicFile.WriteAllBytes(vsa, VerificationSummary.Serialize(statement, signer));
            vsaPath = Path.GetFullPath(vsa);
        }

        var diagnostics = policy.Diagnostics.Concat(result.Diagnostics).Distinct().ToList();
        BundleEvidence.ExplainDeny(result.Passed, diagnostics);
        return new VerifyResult(result.Passed ? 0 : 1, diagnostics, result, vsaPath);
    }

    private static string HashFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CilockException(PolicyDiagnostics.VerifyInputInvalid, $"--artifactfile '{path}' is a directory; give a file (or --subject dirHash value)");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(PolicyDiagnostics.VerifyInputInvalid, $"cannot read artifact '{path}': {e.Message}", e);
        }
    }

    private static IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> LoadCertificates(string path)
    {
        try
        {
            return CertificatePem.ParseAll(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(PolicyDiagnostics.PolicyCertificateInvalid, $"cannot read certificate file '{path}': {e.Message}", e);
        }
    }
}
