namespace Cilock.Fuzz;

/// <summary>One parser under fuzz: <see cref="Run"/> must either succeed or throw one of the documented types.</summary>
/// <param name="Name">The name given to <c>build/fuzz.sh</c>.</param>
/// <param name="Description">What is exercised.</param>
/// <param name="Run">Feeds one input to the parser.</param>
/// <param name="IsExpected">Whether an exception is a documented, coded failure (anything else is a finding).</param>
/// <param name="HangMilliseconds">afl-fuzz's <c>-t</c>: one input running longer is a hang (a finding).</param>
internal sealed record FuzzTarget(string Name, string Description, Action<byte[]> Run, Func<Exception, bool> IsExpected, int HangMilliseconds = 5000);
