using System.CommandLine;
using Cilock.Attestation.Diagnostics;
using Cilock.Cli.Rendering;
using Cilock.Operations.Archivista;

namespace Cilock.Cli.Commands.Archivista;

/// <summary>
/// The Archivista connection options shared by <c>run</c>, <c>verify</c>, <c>bundle create</c> and <c>archivista</c>:
/// <c>--archivista URL</c>, <c>--archivista-headers "Name: Value"</c>, <c>--archivista-oidc</c>,
/// <c>--archivista-audience</c>. Header values come from CI secrets and are never printed.
/// </summary>
internal sealed class ArchivistaOptions
{
    private readonly Option<string?> _url;
    private readonly Option<string[]> _headers = new("--archivista-headers")
    {
        Description = "Extra header for Archivista requests, 'Name: Value' (repeatable; also CILOCK_ARCHIVISTA_HEADERS, one per line)",
    };

    private readonly Option<bool?> _oidc = new("--archivista-oidc")
    {
        Description = "Send a GitHub Actions OIDC token as bearer (default: on when the job can request one)",
    };

    private readonly Option<string?> _audience = new("--archivista-audience")
    {
        Description = "OIDC audience for Archivista (default: the Archivista URL)",
    };

    /// <summary>Creates the options; <paramref name="required"/> makes <c>--archivista</c> mandatory.</summary>
    public ArchivistaOptions(string description, bool required = false)
    {
        _url = new Option<string?>("--archivista") { Description = description, Required = required };
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_url);
        command.Options.Add(_headers);
        command.Options.Add(_oidc);
        command.Options.Add(_audience);
    }

    /// <summary>The settings, or <c>null</c> when <c>--archivista</c> was not given.</summary>
    public ArchivistaSettings? ToSettings(ParseResult parse) =>
        parse.GetValue(_url) is { Length: > 0 } url
            ? new ArchivistaSettings { Url = url, Headers = parse.GetValue(_headers) ?? [], Oidc = parse.GetValue(_oidc), Audience = parse.GetValue(_audience) }
            : null;

    /// <summary>
    /// Uploads a freshly written envelope when <c>--archivista</c> is set; prints the gitoid or the coded error.
    /// Returns <c>false</c> when the upload failed (the local file is still there).
    /// </summary>
    public async Task<bool> UploadAsync(ParseResult parse, string envelopePath, TextWriter error, CancellationToken ct)
    {
        if (ToSettings(parse) is not { } settings)
        {
            return true;
        }

        try
        {
            var gitoid = await ArchivistaPublisher.UploadFileAsync(settings, envelopePath, ct).ConfigureAwait(false);
            error.WriteLine($"cilock: stored {Path.GetFileName(envelopePath)} in Archivista (gitoid {gitoid})");
            return true;
        }
        catch (CilockException e)
        {
            DiagnosticWriter.Error(error, e.Code, e.Message);
            return false;
        }
    }
}
