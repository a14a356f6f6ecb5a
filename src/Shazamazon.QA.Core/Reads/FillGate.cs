using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// Bounds the fills running at once on this node (<c>Qa:Cache:MaxConcurrentFills</c>, read at start). A fill beyond it
/// waits at most <c>Qa:Cache:FillQueueTimeout</c> for a slot, then fails as <see cref="SourceFailure.Busy"/>: a stale
/// entry answers, or the request gets a 503 with <c>Retry-After</c>. So a slow source cannot pile up requests, and hits,
/// which never fill, are never queued behind misses.
/// </summary>
internal sealed class FillGate(IOptions<QaCacheOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentFills, options.Value.MaxConcurrentFills);
    private readonly TimeSpan _wait = options.Value.FillQueueTimeout;

    /// <summary>Takes a slot for a fill from <paramref name="sourceName"/>; dispose the result to give it back.</summary>
    /// <exception cref="SourceUnavailableException">No slot came free in time (<see cref="SourceFailure.Busy"/>).</exception>
    public async ValueTask<Slot> EnterAsync(string sourceName, CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(_wait, cancellationToken))
        {
            throw new SourceUnavailableException("This node is running as many fills as Qa:Cache:MaxConcurrentFills allows.")
            {
                SourceName = sourceName,
                Failure = SourceFailure.Busy,
            };
        }

        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>A fill's slot, given back on dispose.</summary>
    public readonly struct Slot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
