using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Reports.Sbom;

// Entry point for build/bench/sbom.sh:
//   Cilock.Sbom.Benchmarks [packages=200] [iterations=30]
// Writes a synthetic restore graph (two target frameworks, 20 direct references of which 3 development-only, every
// package with up to three dependencies, one in ten with an extra netstandard2.0-only one so the per-framework graph
// splits nodes, a nuspec per package in a package folder), then times SbomGenerator.Generate
// (assets parse, nuspec reads, graph, serialisation) per format after a one-time JIT warm-up: the first call and the
// median of the rest.
var packages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var root = Path.Combine(Path.GetTempPath(), $"cilock-bench-sbom-{Guid.NewGuid():N}");
try
{
    var assets = Synthetic.Write(root, packages);
    // The first call in a process pays JIT for the whole code path whatever the graph size: measured apart on a
    // one-package graph, so the per-format figures below are the cost that scales with the graph.
    var tiny = Synthetic.Write(Path.Combine(root, "tiny"), 1);
    var warmUp = Stopwatch.StartNew();
    SbomGenerator.Generate(new SbomRequest { AssetsFile = tiny, Name = "T", Version = "1.0.0", ToolVersion = "0", Formats = SbomFormats.Both });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process warm-up (JIT, 1-package graph, both formats): {warmUp.Elapsed.TotalMilliseconds:F1} ms"));
    Console.WriteLine($"synthetic restore graph: {packages} packages, 2 target frameworks, {Environment.ProcessorCount} cores");
    Console.WriteLine($"{"format",-10} {"first ms",9} {"median ms",10} {"max ms",8} {"bytes",9}");
    foreach (var format in new[] { SbomFormats.CycloneDx, SbomFormats.Spdx, SbomFormats.Both })
    {
        var request = new SbomRequest { AssetsFile = assets, Name = "Bench", Version = "1.0.0", ToolVersion = "0.0.0", Formats = format, Timestamp = DateTimeOffset.UnixEpoch };
        var times = new List<double>();
        var bytes = 0;
        for (var i = 0; i <= iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = SbomGenerator.Generate(request);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            bytes = result.Documents.Sum(d => d.Content.Length);
            if (result.Documents.Count == 0 || result.Diagnostics.Count > 0)
            {
                Console.Error.WriteLine($"unexpected result: {result.Documents.Count} documents, {string.Join("; ", result.Diagnostics)}");
                return 1;
            }
        }

        var warm = times.Skip(1).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{format,-10} {times[0],9:F1} {warm[warm.Count / 2],10:F1} {warm[^1],8:F1} {bytes,9}"));
    }

    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}

internal static class Synthetic
{
    public static string Write(string root, int count)
    {
        var random = new Random(20261202);
        var folder = Path.Combine(root, "packages");
        var ids = Enumerable.Range(0, count).Select(i => $"Bench.Package{i:D3}").ToList();
        var libraries = new JsonObject();
        var net = new JsonObject();
        var netstandard = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            var key = $"{ids[i]}/1.{i % 7}.0";
            libraries[key] = new JsonObject
            {
                ["sha512"] = Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes(key))),
                ["type"] = "package",
                ["path"] = key.ToLowerInvariant(),
            };
            var dependencies = new JsonObject();
            for (var d = 0; d < 3 && i + 1 < count; d++)
            {
                var target = random.Next(i + 1, count);
                dependencies[ids[target]] = $"[1.{target % 7}.0, )";
            }

            net[key] = new JsonObject { ["type"] = "package", ["dependencies"] = dependencies.DeepClone() };
            if (i % 10 == 9 && i + 1 < count)
            {
                // One package in ten has an extra netstandard2.0-only dependency: it and everything above it get
                // per-framework nodes, the expensive path of the per-TFM graph.
                var extra = random.Next(i + 1, count);
                dependencies[ids[extra]] = $"[1.{extra % 7}.0, )";
            }

            netstandard[key] = new JsonObject { ["type"] = "package", ["dependencies"] = dependencies };
            var nuspec = Path.Combine(folder, ids[i].ToLowerInvariant(), $"1.{i % 7}.0", ids[i].ToLowerInvariant() + ".nuspec");
            Directory.CreateDirectory(Path.GetDirectoryName(nuspec)!);
            File.WriteAllText(nuspec, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata><id>{ids[i]}</id><version>1.{i % 7}.0</version><authors>Bench Authors</authors>
                    <license type="expression">MIT</license><projectUrl>https://example.com/{ids[i]}</projectUrl>
                    <description>Synthetic package {i} for the SBOM benchmark.</description></metadata>
                </package>
                """);
        }

        JsonObject Direct()
        {
            var direct = new JsonObject();
            for (var i = 0; i < Math.Min(20, count); i++)
            {
                direct[ids[i]] = i < 3
                    ? new JsonObject { ["target"] = "Package", ["version"] = $"[1.{i % 7}.0, )", ["suppressParent"] = "All" }
                    : new JsonObject { ["target"] = "Package", ["version"] = $"[1.{i % 7}.0, )" };
            }

            return direct;
        }

        var assets = new JsonObject
        {
            ["version"] = 3,
            ["targets"] = new JsonObject { ["net10.0"] = net, ["netstandard2.0"] = netstandard },
            ["libraries"] = libraries,
            ["packageFolders"] = new JsonObject { [folder + "/"] = new JsonObject() },
            ["project"] = new JsonObject
            {
                ["frameworks"] = new JsonObject
                {
                    ["net10.0"] = new JsonObject { ["dependencies"] = Direct() },
                    ["netstandard2.0"] = new JsonObject { ["dependencies"] = Direct() },
                },
            },
        };
        var path = Path.Combine(root, "project.assets.json");
        File.WriteAllText(path, assets.ToJsonString());
        return path;
    }
}
