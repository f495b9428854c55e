using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;

namespace Cilock.Attestation.Attestors.Environment;

/// <summary>Records OS, host, user and the (obfuscated) environment variables (spec attestors.md §5).</summary>
public sealed class EnvironmentAttestor : IAttestor
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "environment";

    private EnvironmentPredicate? _predicate;

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.PreMaterial;

    /// <summary>The recorded predicate, after the run.</summary>
    public EnvironmentPredicate? Predicate => _predicate;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) =>
        dialect == Dialect.Witness ? AttestationTypes.EnvironmentWitness : AttestationTypes.EnvironmentCilock;

    /// <inheritdoc />
    public ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var capturer = new EnvironmentCapturer(context.Options);
        _predicate = new EnvironmentPredicate(
            GoOs(),
            SafeHostName(),
            System.Environment.UserName,
            capturer.Capture(context.Environment));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect) => _predicate?.ToJson();

    private static string GoOs() =>
        OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "darwin"
        : OperatingSystem.IsFreeBSD() ? "freebsd"
        : RuntimeInformation.OSDescription.ToLowerInvariant();

    private static string SafeHostName()
    {
        try
        {
            return System.Net.Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return System.Environment.MachineName;
        }
    }
}
