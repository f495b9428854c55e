using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Cilock.Gate.Server.Tests.Infrastructure;

namespace Cilock.Gate.Server.Tests.Admission;

/// <summary>A bounded load test: every decision correct, nothing lost or duplicated upstream. Figures are printed, not asserted.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class AdmissionLoadTests
{
    private const int Packages = 200;
    private const int Clients = 8;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Push_200PackagesFrom8Clients_EveryDecisionCorrectNoneLostOrDuplicated()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        // Every 10th package has no evidence and must be refused; the rest must be admitted exactly once.
        var work = Enumerable.Range(0, Packages).Select(i =>
        {
            var package = scenario.CreatePackage(id: $"Acme.Load{i:D3}", content: $"load {i}");
            var genuine = i % 10 != 0;
            if (genuine)
            {
                scenario.WriteEvidence(package);
            }

            return (Package: package, Genuine: genuine);
        }).ToList();
        var queue = new ConcurrentQueue<(string Package, bool Genuine)>(work);
        var outcomes = new ConcurrentBag<(string Package, bool Genuine, HttpStatusCode Status)>();
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var item))
            {
                using var response = await scenario.PushAsync(client, item.Package);
                outcomes.Add((item.Package, item.Genuine, response.StatusCode));
            }
        })));
        watch.Stop();

        Assert.HasCount(Packages, outcomes);
        foreach (var (package, genuine, status) in outcomes)
        {
            Assert.AreEqual(genuine ? HttpStatusCode.Created : HttpStatusCode.Forbidden, status, package);
        }

        var upstream = scenario.UpstreamPackages();
        var expected = work.Where(w => w.Genuine).ToList();
        Assert.HasCount(expected.Count, upstream, "none lost, none duplicated");
        foreach (var (package, _) in expected)
        {
            var landed = upstream.Single(u => Path.GetFileName(u).Equals(Path.GetFileName(package), StringComparison.OrdinalIgnoreCase));
            CollectionAssert.AreEqual(File.ReadAllBytes(package), File.ReadAllBytes(landed));
        }

        var audit = scenario.AuditLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.HasCount(Packages, audit);
        var verifyMs = audit.Where(a => a.TryGetProperty("verifyMs", out _)).Select(a => a.GetProperty("verifyMs").GetDouble()).ToList();
        var perSecond = Packages / watch.Elapsed.TotalSeconds;
        TestContext.WriteLine($"admission load: {Packages} pushes from {Clients} clients in {watch.Elapsed.TotalSeconds:F1}s = {perSecond:F1} pushes/second; verification per admitted package: mean {verifyMs.Average():F1} ms, max {verifyMs.Max():F1} ms");
        Console.WriteLine($"admission load: {perSecond:F1} pushes/second, verification mean {verifyMs.Average():F1} ms");
    }
}
