using System.Globalization;
using System.Text;

namespace Cilock.Rego.Lexing;

/// <summary>Turns Rego source into tokens; strings are unescaped here (JSON escapes, raw strings verbatim).</summary>
internal sealed class Lexer
{
    private static readonly string[] Puncts = [":=", "==", "!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "%", "&", "|", "[", "]", "{", "}", "(", ")", ".", ",", ";", ":"];

    private readonly string _src;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public Lexer(string source, string file)
    {
        _src = source;
        _file = file;
    }

    public List<Token> Tokenize()
    {
        var list = new List<Token>();
        var newline = false;
        while (true)
        {
            newline |= SkipTrivia();
            if (_pos >= _src.Length)
            {
                list.Add(new Token(TokenKind.Eof, "", _line, _pos - _lineStart + 1, true, _pos, _pos));
                return list;
            }

            var offset = _pos;
            var token = Next(newline);
            list.Add(token with { Offset = offset, End = _pos });
            newline = false;
        }
    }

    private RegoException Error(string msg, int line, int col) => new("rego_parse_error", msg, _file, line, col);

    private bool SkipTrivia()
    {
        var newline = false;
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (c == '\n')
            {
                newline = true;
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c is ' ' or '\t' or '\r' or '\f' or '\uFEFF')
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (_pos < _src.Length && _src[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                break;
            }
        }

        return newline;
    }

    private Token Next(bool newline)
    {
        var line = _line;
        var col = _pos - _lineStart + 1;
        var c = _src[_pos];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _src.Length && (char.IsAsciiLetterOrDigit(_src[_pos]) || _src[_pos] == '_'))
            {
                _pos++;
            }

            return new Token(TokenKind.Ident, _src[start.._pos], line, col, newline);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1])))
        {
            return new Token(TokenKind.Number, ReadNumber(line, col), line, col, newline);
        }

        if (c == '"')
        {
            return new Token(TokenKind.String, ReadString(line, col), line, col, newline);
        }

        if (c == '`')
        {
            var end = _src.IndexOf('`', _pos + 1);
            if (end < 0)
            {
                throw Error("unterminated raw string", line, col);
            }

            var text = _src[(_pos + 1)..end];
            foreach (var ch in text)
            {
                if (ch == '\n')
                {
                    _line++;
                }
            }

            _pos = end + 1;
            if (text.Contains('\n'))
            {
                _lineStart = _src.LastIndexOf('\n', end) + 1;
            }

            return new Token(TokenKind.RawString, text, line, col, newline);
        }

        foreach (var p in Puncts)
        {
            if (string.CompareOrdinal(_src, _pos, p, 0, p.Length) == 0)
            {
                _pos += p.Length;
                return new Token(TokenKind.Punct, p, line, col, newline);
            }
        }

        throw Error($"unexpected character '{c}'", line, col);
    }

    private string ReadNumber(int line, int col)
    {
        var start = _pos;
        while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
        {
            _pos++;
        }

        if (_pos < _src.Length && _src[_pos] == '.' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1]))
        {
            _pos++;
            while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
            {
                _pos++;
            }
        }

        if (_pos < _src.Length && _src[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < _src.Length && _src[_pos] is '+' or '-')
            {
                _pos++;
            }

            if (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
            {
                while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save;
            }
        }

        if (_pos < _src.Length && (char.IsAsciiLetter(_src[_pos]) || _src[_pos] == '_'))
        {
            throw Error("invalid number", line, col);
        }

        return _src[start.._pos];
    }

    private string ReadString(int line, int col)
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length || _src[_pos] == '\n')
            {
                throw Error("non-terminated string", line, col);
            }

            var c = _src[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (_pos >= _src.Length)
            {
                throw Error("non-terminated string", line, col);
            }

            var e = _src[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _src.Length || !int.TryParse(_src.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp))
                    {
                        throw Error("invalid unicode escape in string", line, col);
                    }

                    sb.Append((char)cp);
                    _pos += 4;
                    break;
                default:
                    throw Error($"invalid escape sequence '\\{e}' in string", line, col);
            }
        }
    }
}
