using System.Runtime.InteropServices;

namespace Cilock.Tracing;

/// <summary>The few libc calls .NET does not expose: FIFOs, the file type of a path, execute permission.</summary>
internal static partial class NativeMethods
{
    private const int SIfmt = 0xF000;
    private const int SIfreg = 0x8000;

    // struct statx has the same layout on every architecture; stx_mode is the u16 at offset 28.
    private const int StatxModeOffset = 28;
    private const uint StatxType = 0x1;
    private const int AtFdcwd = -100;
    private const int XOk = 1;

    /// <summary>Creates a FIFO (owner read/write only).</summary>
    public static void MakeFifo(string path)
    {
        if (MkFifo(path, 0x180) != 0)
        {
            throw new IOException($"mkfifo failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>Whether <paramref name="path"/> (following links) is a regular file; FIFOs and devices must not be opened.</summary>
    public static bool IsRegularFile(string path)
    {
        var buffer = new byte[256];
        return Statx(AtFdcwd, path, 0, StatxType, buffer) == 0
            && (BitConverter.ToUInt16(buffer, StatxModeOffset) & SIfmt) == SIfreg;
    }

    /// <summary>Whether this process may execute <paramref name="path"/> (<c>access(X_OK)</c>: mode bits, ACLs and noexec mounts).</summary>
    public static bool IsExecutable(string path) => Access(path, XOk) == 0;

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}
