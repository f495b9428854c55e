using Cilock.Attestation.Attestors.Ci;

namespace Cilock.Operations.Reporting;

/// <summary>
/// Collapsible log sections: GitHub <c>::group::</c>, GitLab <c>section_start</c>/<c>section_end</c> escape lines
/// (collapsed), Azure <c>##[group]</c>. Outside CI nothing is written.
/// </summary>
public sealed class CiLogSection : IDisposable
{
    private readonly TextWriter _writer;
    private readonly string? _platform;
    private readonly string _id;
    private readonly TimeProvider _time;

    private CiLogSection(TextWriter writer, string? platform, string id, string title, TimeProvider time)
    {
        _writer = writer;
        _platform = platform;
        _id = id;
        _time = time;
        var header = title.ReplaceLineEndings(" ");
        switch (platform)
        {
            case GitHubAttestor.AttestorName:
                writer.WriteLine("::group::" + header);
                break;
            case GitLabAttestor.AttestorName:
                writer.WriteLine($"\u001b[0Ksection_start:{time.GetUtcNow().ToUnixTimeSeconds()}:{id}[collapsed=true]\r\u001b[0K{header}");
                break;
            case AzurePipelinesAttestor.AttestorName:
                writer.WriteLine("##[group]" + header);
                break;
        }
    }

    /// <summary>Opens a section on <paramref name="platform"/> (<c>null</c> = this process's platform); dispose to close it.</summary>
    public static CiLogSection Open(TextWriter writer, string id, string title, string? platform = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var safeId = new string([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]);
        return new CiLogSection(writer, platform ?? CiAnnotations.CurrentPlatform, safeId, title, time ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        switch (_platform)
        {
            case GitHubAttestor.AttestorName:
                _writer.WriteLine("::endgroup::");
                break;
            case GitLabAttestor.AttestorName:
                _writer.WriteLine($"\u001b[0Ksection_end:{_time.GetUtcNow().ToUnixTimeSeconds()}:{_id}\r\u001b[0K");
                break;
            case AzurePipelinesAttestor.AttestorName:
                _writer.WriteLine("##[endgroup]");
                break;
        }
    }
}
