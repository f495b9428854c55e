using SharpFuzz;

namespace Cilock.Fuzz.Afl;

/// <summary>
/// What runs under afl-fuzz (<c>cilock-fuzz afl-target TARGET</c>): SharpFuzz's out-of-process fork server feeds each
/// input to the target in a persistent loop and reports the edges our instrumented assemblies hit. The out-of-process
/// variant is used because a stack overflow or an afl timeout kills only the child, which SharpFuzz restarts, instead
/// of the fork server (afl-fuzz would abort the whole run).
/// </summary>
internal static class AflTarget
{
    public static int Run(FuzzTarget target)
    {
        // Same 1 MiB stack as the mutation engine and the regression tests: deep recursion must be stopped by our
        // depth limits, not by the size of the main thread's stack.
        var thread = new Thread(() => Fuzzer.OutOfProcess.Run(stream => Execute(target, stream)), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        return 0;
    }

    /// <summary>
    /// One input: a documented, coded failure is a normal outcome; any other exception escapes to SharpFuzz, which
    /// reports it to afl-fuzz as a crash (the same definition of a finding as the mutation engine).
    /// </summary>
    private static void Execute(FuzzTarget target, Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        try
        {
            target.Run(buffer.ToArray());
        }
        catch (Exception e) when (target.IsExpected(e))
        {
        }
    }
}
