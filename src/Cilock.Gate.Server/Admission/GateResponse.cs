using System.Text;

namespace Cilock.Gate.Server.Admission;

/// <summary>What the gate answers: a status, a one-line reason phrase (printed by <c>dotnet nuget push</c>) and a body.</summary>
internal sealed record GateResponse(int Status, string Reason, string Body)
{
    private const int MaxReasonLength = 400;

    internal static GateResponse Of(int status, string reason, string? body = null)
    {
        var phrase = ToReasonPhrase(reason);
        return new GateResponse(status, phrase, body ?? phrase + "\n");
    }

    /// <summary>HTTP reason phrases are one line of visible ASCII; anything else becomes '?', and long text is cut.</summary>
    internal static string ToReasonPhrase(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxReasonLength));
        foreach (var c in text)
        {
            if (builder.Length >= MaxReasonLength)
            {
                builder.Length = MaxReasonLength - 3;
                builder.Append("...");
                break;
            }

            builder.Append(c is '\r' or '\n' or '\t' ? ' ' : c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString().Trim();
    }
}
