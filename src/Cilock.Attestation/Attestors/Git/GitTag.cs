namespace Cilock.Attestation.Attestors.Git;

/// <summary>A tag pointing at HEAD.</summary>
/// <param name="Name">The short tag name.</param>
/// <param name="TaggerName">The tagger (annotated tags), else empty.</param>
/// <param name="TaggerEmail">The tagger e-mail, else empty.</param>
/// <param name="When">The tag time in Go's time string form, else empty.</param>
/// <param name="PgpSignature">The tag signature, else empty.</param>
/// <param name="Message">The tag message, else empty.</param>
public sealed record GitTag(string Name, string TaggerName, string TaggerEmail, string When, string PgpSignature, string Message);
