using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Diagnostics;
using Cilock.Operations.IO;

namespace Cilock.Operations.Inspection;

/// <summary>
/// Reads a DSSE envelope, a <c>.intoto.jsonl</c> file or a bare in-toto statement and summarises it. Nothing is
/// verified; a payload that is not a statement is reported, not fatal, so odd envelopes can still be looked at.
/// </summary>
public static class InspectOperation
{
    /// <summary>Inspects <paramref name="path"/>.</summary>
    /// <exception cref="CilockException">
    /// CIL1520/CIL1521 unreadable or directory, CIL1011/CIL1012/CIL1013 malformed envelope, CIL1522 not evidence.
    /// </exception>
    public static InspectionReport Execute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = InputFile.ReadAllBytes(path, "evidence file");
        var (kind, envelopes) = EvidenceFile.Parse(bytes, path);
        if (kind == EvidenceFileKind.Statement)
        {
            return new InspectionReport(path, kind, [InspectPayload(1, null, bytes, [])]);
        }

        return new InspectionReport(
            path,
            kind,
            [.. envelopes.Select(e => InspectPayload(e.Line, e.Envelope.PayloadType, e.Envelope.Payload, e.Envelope.Signatures))]);
    }

    private static InspectedEnvelope InspectPayload(int line, string? payloadType, byte[] payload, IReadOnlyList<DsseSignature> signatures)
    {
        var summaries = signatures.Select(Summarize).ToList();
        if (payloadType is not null && payloadType != DsseEnvelope.InTotoPayloadType)
        {
            return new InspectedEnvelope(line, payloadType, payload.Length, summaries, null, null);
        }

        try
        {
            var statement = CollectionReader.ReadStatement(payload);
            var collection = AttestationTypes.IsCollection(statement.PredicateType)
                ? CollectionReader.ReadCollection(statement.Predicate)
                : null;
            return new InspectedEnvelope(
                line,
                payloadType,
                payload.Length,
                summaries,
                new StatementSummary(statement.Type, statement.PredicateType, statement.Subjects, collection),
                null);
        }
        catch (CilockException e)
        {
            return new InspectedEnvelope(line, payloadType, payload.Length, summaries, null, $"{e.Code}: {e.Message}");
        }
    }

    private static SignatureSummary Summarize(DsseSignature signature)
    {
        string? subject = null;
        string? issuer = null;
        DateTimeOffset? notBefore = null;
        DateTimeOffset? notAfter = null;
        if (signature.CertificatePem is { } pem)
        {
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                subject = certificate.Subject;
                issuer = certificate.Issuer;
                notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
                notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            }
            catch (CryptographicException e)
            {
                subject = $"(unreadable certificate: {e.Message})";
            }
        }

        return new SignatureSummary(signature.KeyId, subject, issuer, notBefore, notAfter, signature.IntermediatePems.Count, signature.Timestamps.Count);
    }
}
