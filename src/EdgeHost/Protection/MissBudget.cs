using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.EdgeHost.Protection;

/// <summary>
/// Each client's budget of reads that miss the cache (<c>Qa:Protection:MissesPerSecond</c>, bursts up to
/// <c>Qa:Protection:MissBurst</c>): a token bucket per client (<see cref="ClientKey"/>), on the framework's
/// <see cref="PartitionedRateLimiter"/>. Hits are never limited: a client that has spent its budget is still answered
/// from L1, the negative answers and L2, and gets a 429 with <c>Retry-After</c> only for what would need the source.
/// The framework's rate-limiting middleware cannot do this by itself: whether a request misses is known only after the
/// cache lookup, so the budget is checked before the read (a spent budget makes the read cache-only) and charged after
/// it (one token per miss this request filled). Concurrent misses of one client can overdraw it by their number. A
/// refusal waits <c>Qa:Protection:RefusalDelay</c> before it is sent, so refusals cannot become a flood themselves.
/// </summary>
internal sealed class MissBudget : IDisposable
{
    private readonly PartitionedRateLimiter<ClientKey>? _buckets;
    private readonly TimeSpan _refusalDelay;

    public MissBudget(IOptions<ProtectionOptions> options)
    {
        _refusalDelay = options.Value.RefusalDelay;
        var perSecond = options.Value.MissesPerSecond;
        var burst = options.Value.MissBurst;
        if (perSecond > 0)
        {
            _buckets = PartitionedRateLimiter.Create<ClientKey, ClientKey>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }
    }

    /// <summary>What a read for this request may do: cache-only once the client's budget is spent.</summary>
    public ReadOptions For(HttpContext context, ConsistencyToken atLeast) => new()
    {
        AtLeast = atLeast,
        CacheOnly = _buckets is not null && !HasTokens(_buckets, ClientKey.Of(context.Connection.RemoteIpAddress)),
    };

    // Asking for no token takes none: it only says whether one is left (a shared success lease, nothing allocated).
    private static bool HasTokens(PartitionedRateLimiter<ClientKey> buckets, ClientKey client)
    {
        using var lease = buckets.AttemptAcquire(client, 0);
        return lease.IsAcquired;
    }

    /// <summary>Charges the client one token when its read was a miss (it called the source).</summary>
    public void Charge(HttpContext context, CacheOutcome outcome)
    {
        if (_buckets is not null && outcome == CacheOutcome.Miss)
        {
            _buckets.AttemptAcquire(ClientKey.Of(context.Connection.RemoteIpAddress)).Dispose();
        }
    }

    /// <summary>Waits <c>Qa:Protection:RefusalDelay</c> before a refusal is sent (ends early when the client hangs up).</summary>
    public async Task DelayRefusalAsync(HttpContext context)
    {
        if (_refusalDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(_refusalDelay, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client left; the refusal is written to nobody.
            }
        }
    }

    public void Dispose() => _buckets?.Dispose();
}
