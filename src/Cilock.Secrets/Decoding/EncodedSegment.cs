namespace Cilock.Secrets.Decoding;

/// <summary>A run of encoded text and what it decodes to.</summary>
/// <param name="Start">Index of the run in the scanned text.</param>
/// <param name="Length">Length of the run.</param>
/// <param name="Encoding"><c>base64</c>, <c>hex</c> or <c>url</c> (the encodingPath vocabulary).</param>
/// <param name="Decoded">The decoded text (only produced when it is printable text).</param>
internal readonly record struct EncodedSegment(int Start, int Length, string Encoding, string Decoded);
