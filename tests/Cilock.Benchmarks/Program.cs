using System.Diagnostics;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;

// Entry point for build/bench.sh:
//   generate <dir> <sizeMB>   write a tree of many small files and a few large ones (deterministic content)
//   hash <dir> [alg,alg]      hash the tree with FileTreeHasher and print "files bytes milliseconds"
if (args.Length >= 3 && args[0] == "generate")
{
    Generate(args[1], long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

if (args.Length >= 2 && args[0] == "hash")
{
    var algorithms = args.Length >= 3 ? args[2].Split(',') : [DigestSet.Sha256];
    var watch = Stopwatch.StartNew();
    var result = await FileTreeHasher.HashAsync(new FileTreeHashOptions { Root = args[1], Algorithms = algorithms });
    watch.Stop();
    var bytes = result.Files.Keys.Sum(k => new FileInfo(Path.Combine(args[1], k)).Length);
    Console.WriteLine($"{result.Files.Count} {bytes} {watch.ElapsedMilliseconds}");
    return result.Diagnostics.Count == 0 ? 0 : 1;
}

Console.Error.WriteLine("usage: Cilock.Benchmarks generate <dir> <sizeMB> | hash <dir> [algorithms]");
return 2;

static void Generate(string root, long sizeMb)
{
    // A quarter of the volume in small files (4–64 KiB, like sources and assemblies), the rest in four large files.
    var total = sizeMb * 1024 * 1024;
    var random = new Random(20261202);
    var buffer = new byte[1024 * 1024];
    long small = 0;
    var index = 0;
    while (small < total / 4)
    {
        var size = random.Next(4 * 1024, 64 * 1024);
        var path = Path.Combine(root, $"src{index % 32}", $"dir{index % 7}", $"file{index}.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        random.NextBytes(buffer.AsSpan(0, size));
        File.WriteAllBytes(path, buffer.AsSpan(0, size).ToArray());
        small += size;
        index++;
    }

    var large = (total - small) / 4;
    for (var i = 0; i < 4; i++)
    {
        using var stream = File.Create(Path.Combine(root, $"large{i}.bin"));
        for (long written = 0; written < large; written += buffer.Length)
        {
            random.NextBytes(buffer);
            stream.Write(buffer, 0, (int)Math.Min(buffer.Length, large - written));
        }
    }
}
