using System.Collections;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Context;

/// <summary>
/// Runs the attestors of one step: the five phases in order, the attestors of one phase concurrently. Each attestor's
/// start/end time is recorded; a failing attestor becomes an error <see cref="Diagnostic"/> in the
/// <see cref="AttestationRun"/> (never an unhandled exception) and is left out of the collection.
/// </summary>
public sealed class AttestationContext
{
    private readonly IReadOnlyList<IAttestor> _attestors;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<CompletedAttestor> _completed = [];
    private readonly Lock _gate = new();
    private Dictionary<string, DigestSet> _materials = new(StringComparer.Ordinal);
    private Dictionary<string, ProductFile> _products = new(StringComparer.Ordinal);
    private int _started;

    /// <summary>Creates a context for <paramref name="attestors"/>.</summary>
    /// <exception cref="CilockException">CIL1031 for an unusable option (unknown hash, missing folder, duplicate attestor).</exception>
    public AttestationContext(AttestationContextOptions options, IEnumerable<IAttestor> attestors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(attestors);
        Options = options;
        _attestors = [.. attestors];
        if (string.IsNullOrWhiteSpace(options.StepName))
        {
            throw new CilockException(EvidenceDiagnostics.InvalidOptions, "the step name must not be empty");
        }

        if (!Directory.Exists(options.WorkingDirectory))
        {
            throw new CilockException(EvidenceDiagnostics.InvalidOptions, $"working directory '{options.WorkingDirectory}' does not exist");
        }

        WorkingDirectory = Path.GetFullPath(options.WorkingDirectory);
        if (options.Hashes.Count == 0)
        {
            throw new CilockException(EvidenceDiagnostics.InvalidOptions, "at least one hash algorithm is required");
        }

        foreach (var hash in options.Hashes)
        {
            if (!DigestSet.IsKnownAlgorithm(hash) || hash == DigestSet.DirHash)
            {
                throw new CilockException(EvidenceDiagnostics.InvalidOptions, $"unsupported hash '{hash}': use sha256, sha1, gitoid:sha256 or gitoid:sha1");
            }
        }

        var duplicate = _attestors.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CilockException(EvidenceDiagnostics.InvalidOptions, $"attestor '{duplicate.Key}' is listed twice");
        }

        Environment = options.Environment ?? ReadProcessEnvironment();
    }

    /// <summary>The options this context was created with.</summary>
    public AttestationContextOptions Options { get; }

    /// <summary>The absolute working directory.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The environment attestors see (injected or the process environment).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The dialect of the run.</summary>
    public Dialect Dialect => Options.Dialect;

    /// <summary>The clock.</summary>
    public TimeProvider Time => Options.TimeProvider;

    /// <summary>Materials recorded by completed <see cref="IMaterialer"/> attestors (available from the execute phase on).</summary>
    public IReadOnlyDictionary<string, DigestSet> Materials => Volatile.Read(ref _materials);

    /// <summary>Products recorded by completed <see cref="IProducer"/> attestors (available in the post-product phase).</summary>
    public IReadOnlyDictionary<string, ProductFile> Products => Volatile.Read(ref _products);

    /// <summary>
    /// When the execute phase began, by the system clock (it is compared with file modification times, so the
    /// injectable <see cref="Time"/> is not used); <c>null</c> when the run has no execute-phase attestor.
    /// </summary>
    public DateTimeOffset? ExecuteStartedUtc { get; private set; }

    /// <summary>The attestors completed so far, in completion order.</summary>
    public IReadOnlyList<CompletedAttestor> CompletedAttestors
    {
        get
        {
            lock (_gate)
            {
                return [.. _completed];
            }
        }
    }

    /// <summary>Records a non-fatal note (warning) or a failure found by an attestor; safe to call concurrently.</summary>
    public void Report(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        lock (_gate)
        {
            _diagnostics.Add(diagnostic);
        }
    }

    /// <summary>Runs every attestor phase by phase.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="ct"/> is cancelled.</exception>
    /// <exception cref="InvalidOperationException">When called a second time (attestors are single-use).</exception>
    public async Task<AttestationRun> RunAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("an attestation context runs once; create a new one with new attestors");
        }

        foreach (var phase in Enum.GetValues<AttestationPhase>())
        {
            var batch = _attestors.Where(a => a.Phase == phase).ToList();
            if (batch.Count == 0)
            {
                continue;
            }

            if (phase == AttestationPhase.Execute)
            {
                ExecuteStartedUtc = DateTimeOffset.UtcNow;
            }

            await Task.WhenAll(batch.Select(a => RunOneAsync(a, ct))).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            PublishOutputs(batch);
        }

        lock (_gate)
        {
            return new AttestationRun(Options.StepName, Options.Dialect, [.. _completed], [.. _diagnostics]);
        }
    }

    private async Task RunOneAsync(IAttestor attestor, CancellationToken ct)
    {
        var start = Time.GetUtcNow();
        Diagnostic? error = null;
        try
        {
            // Yield first so that a synchronous attestor does not serialize the rest of its phase.
            await Task.Yield();
            await attestor.AttestAsync(this, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (CilockException e)
        {
            error = Diagnostic.Error(e.Code, $"attestor '{attestor.Name}' failed: {e.Message}");
        }
        catch (Exception e)
        {
            // Any other failure is still reported as data: evidence gathering must fail closed, not crash the host.
            error = Diagnostic.Error(EvidenceDiagnostics.AttestorFailed, $"attestor '{attestor.Name}' failed: {e.GetType().Name}: {e.Message}");
        }

        var end = Time.GetUtcNow();
        lock (_gate)
        {
            _completed.Add(new CompletedAttestor(attestor, start, end, error));
            if (error is not null)
            {
                _diagnostics.Add(error);
            }
        }
    }

    private void PublishOutputs(List<IAttestor> batch)
    {
        HashSet<IAttestor> succeeded;
        lock (_gate)
        {
            succeeded = [.. _completed.Where(c => c.Succeeded).Select(c => c.Attestor)];
        }

        var materials = new Dictionary<string, DigestSet>(Materials, StringComparer.Ordinal);
        var products = new Dictionary<string, ProductFile>(Products, StringComparer.Ordinal);
        foreach (var attestor in batch.Where(succeeded.Contains))
        {
            if (attestor is IMaterialer m)
            {
                foreach (var (path, digest) in m.Materials)
                {
                    materials[path] = digest;
                }
            }

            if (attestor is IProducer p)
            {
                foreach (var (path, product) in p.Products)
                {
                    products[path] = product;
                }
            }
        }

        Volatile.Write(ref _materials, materials);
        Volatile.Write(ref _products, products);
    }

    private static Dictionary<string, string> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                result[key] = value;
            }
        }

        return result;
    }
}
