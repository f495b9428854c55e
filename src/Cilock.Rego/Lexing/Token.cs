namespace Cilock.Rego.Lexing;

/// <summary>Token kinds of the Rego lexer.</summary>
internal enum TokenKind
{
    Eof,
    Ident,
    String,
    RawString,
    Number,
    Punct,
}

/// <summary>One token with its position; <see cref="NewlineBefore"/> lets the parser treat line ends as separators.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, bool NewlineBefore, int Offset = 0, int End = 0)
{
    public bool Is(string punct) => Kind == TokenKind.Punct && Text == punct;

    public bool IsIdent(string word) => Kind == TokenKind.Ident && Text == word;
}
