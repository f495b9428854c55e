using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Signing;

[TestClass]
public sealed class UserKeyStoreTests
{
    [TestMethod]
    public void GetOrCreate_FirstAndSecondUse_CreatesOnceThenReuses()
    {
        using var dir = new TempDirectory();
        var keys = dir.Combine("home", "keys");

        var first = UserKeyStore.GetOrCreate(keys, out var created1);
        var second = UserKeyStore.GetOrCreate(keys, out var created2);

        Assert.IsTrue(created1);
        Assert.IsFalse(created2);
        Assert.AreEqual(first.KeyId, second.KeyId);
        Assert.AreEqual(Path.Combine(keys, "default.key"), first.PrivateKeyPath);
        Assert.AreEqual(first.KeyId, KeyLoader.LoadVerifier(first.PublicKeyPath).KeyId);
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void GetOrCreate_NewKey_FileMode0600FolderMode0700()
    {
        using var dir = new TempDirectory();
        var keys = dir.Combine("keys");

        var key = UserKeyStore.GetOrCreate(keys, out _);

        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key.PrivateKeyPath));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
    }

    [TestMethod]
    public void GetOrCreate_ConcurrentFirstUse_OneKey()
    {
        using var dir = new TempDirectory();
        var keys = dir.Combine("keys");
        var results = new UserKey[8];
        var created = new bool[8];
        using var start = new Barrier(8);

        var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            results[i] = UserKeyStore.GetOrCreate(keys, out created[i]);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.HasCount(1, results.Select(r => r.KeyId).Distinct());
        Assert.AreEqual(1, created.Count(c => c), "exactly one caller created the key");
        Assert.AreEqual(results[0].KeyId, KeyLoader.LoadVerifier(results[0].PublicKeyPath).KeyId);
        Assert.IsEmpty(Directory.GetFiles(keys, "*.tmp"));
    }

    [TestMethod]
    public void GetOrCreate_CorruptExistingKey_Cil1008AndKeyKept()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteFile(Path.Combine("keys", "default.key"), "corrupt");

        var e = Assert.ThrowsExactly<CilockException>(() => UserKeyStore.GetOrCreate(dir.Combine("keys"), out _));

        Assert.AreEqual("CIL1008", e.Code);
        Assert.AreEqual("corrupt", File.ReadAllText(path), "never overwrite a user's key");
    }

    [TestMethod]
    public void GetOrCreate_MissingPublicKey_Rewritten()
    {
        using var dir = new TempDirectory();
        var key = UserKeyStore.GetOrCreate(dir.Path, out _);
        File.Delete(key.PublicKeyPath);

        var again = UserKeyStore.GetOrCreate(dir.Path, out var created);

        Assert.IsFalse(created);
        Assert.AreEqual(key.KeyId, KeyLoader.LoadVerifier(again.PublicKeyPath).KeyId);
    }

    [TestMethod]
    [DoNotParallelize]
    public void DefaultDirectory_CilockHomeSet_KeysBelowIt()
    {
        var before = Environment.GetEnvironmentVariable(UserKeyStore.HomeEnvironmentVariable);
        using var dir = new TempDirectory();
        Environment.SetEnvironmentVariable(UserKeyStore.HomeEnvironmentVariable, dir.Path);
        try
        {
            Assert.AreEqual(dir.Combine("keys"), UserKeyStore.DefaultDirectory);
            Assert.AreEqual(dir.Combine("keys", "default.key"), UserKeyStore.GetOrCreate(out var created).PrivateKeyPath);
            Assert.IsTrue(created);
        }
        finally
        {
            Environment.SetEnvironmentVariable(UserKeyStore.HomeEnvironmentVariable, before);
        }
    }
}
