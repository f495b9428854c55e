namespace Cilock.Attestation.Diagnostics;

/// <summary>
/// The one exception type Cilock libraries throw for expected failures (bad input, bad key, unreadable file…).
/// Front ends catch it and print <see cref="Diagnostic"/> without a stack trace; any other exception is a bug.
/// </summary>
public sealed class CilockException : Exception
{
    /// <summary>Creates an exception carrying a coded diagnostic.</summary>
    public CilockException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>The diagnostic code, e.g. <c>CIL1001</c>.</summary>
    public string Code { get; }

    /// <summary>The diagnostic equivalent of this exception.</summary>
    public Diagnostic ToDiagnostic(string? file = null) => Diagnostic.Error(Code, Message, file);
}
