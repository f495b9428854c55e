namespace Cilock.Rego;

/// <summary>A parse, compile or evaluation error, carrying OPA's error code and the source location when known.</summary>
public class RegoException : Exception
{
    /// <summary>Creates an error.</summary>
    /// <param name="code">OPA error code, e.g. <c>rego_parse_error</c>, <c>eval_conflict_error</c>.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="file">Module file name, when known.</param>
    /// <param name="line">1-based line, or 0.</param>
    /// <param name="column">1-based column, or 0.</param>
    public RegoException(string code, string message, string? file = null, int line = 0, int column = 0)
        : base(Format(code, message, file, line, column))
    {
        Code = code;
        Detail = message;
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>OPA error code, e.g. <c>rego_parse_error</c>, <c>rego_compile_error</c>, <c>rego_type_error</c>,
    /// <c>rego_unsafe_var_error</c>, <c>rego_recursion_error</c>, <c>eval_conflict_error</c>, <c>eval_builtin_error</c>,
    /// <c>eval_type_error</c>, <c>eval_cancel_error</c>.</summary>
    public string Code { get; }

    /// <summary>The message without code and location.</summary>
    public string Detail { get; }

    /// <summary>Module file name, when known.</summary>
    public string? File { get; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    private static string Format(string code, string message, string? file, int line, int column)
    {
        if (file is null && line == 0)
        {
            return $"{code}: {message}";
        }

        // OPA's format: file:row (the column is kept in the Column property).
        var loc = line > 0 ? $"{file ?? "query"}:{line}" : file!;
        return $"{loc}: {code}: {message}";
    }
}
