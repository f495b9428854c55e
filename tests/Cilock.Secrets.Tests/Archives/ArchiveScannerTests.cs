using System.IO.Compression;
using System.Text;
using Cilock.Secrets.Archives;
using Cilock.Secrets.Scanning;

namespace Cilock.Secrets.Tests.Archives;

[TestClass]
public sealed class ArchiveScannerTests
{
    [TestMethod]
    public void Scan_NestedPackage_FindsEntryWithPath()
    {
        var inner = Zip(("lib/readme.txt", "token = " + TestSecrets.GitHubPat));
        var outer = Zip(("nested/inner.nupkg", inner), ("empty.txt", ""u8.ToArray()));
        var result = new ArchiveScanner(new SecretScanner()).Scan(new MemoryStream(outer), "pkg.zip", "pkg.zip");
        var finding = result.Findings.Single(f => f.RuleId == "github-pat");
        Assert.AreEqual("pkg.zip!/nested/inner.nupkg!/lib/readme.txt", finding.Location);
    }

    [TestMethod]
    public void Scan_EntryInflatingPastLimit_StopsWithWarning()
    {
        var bomb = Zip(("big.txt", new byte[4 * 1024 * 1024]));
        var scanner = new SecretScanner(new SecretScanOptions { MaxFileBytes = 1024 * 1024, MaxArchiveBytes = 2 * 1024 * 1024 });
        var result = new ArchiveScanner(scanner).Scan(new MemoryStream(bomb), "bomb.zip", null);
        Assert.IsEmpty(result.Findings);
        Assert.AreEqual("CIL4006", result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Scan_NotAZip_Cil4004Warning()
    {
        var result = new ArchiveScanner(new SecretScanner()).Scan(new MemoryStream("not a zip"u8.ToArray()), "x.nupkg", null);
        Assert.AreEqual("CIL4004", result.Diagnostics.Single().Code);
    }

    private static byte[] Zip(params (string Name, object Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content is string s ? Encoding.UTF8.GetBytes(s) : (byte[])content);
            }
        }

        return buffer.ToArray();
    }
}
