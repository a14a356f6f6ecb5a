using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Reads;

// Stale entries: one background refresh per key at a time, and refills that fall back to the stale entry.
internal sealed partial class QaReader
{
    private readonly ConcurrentDictionary<string, byte> _refreshing = new(StringComparer.Ordinal);

    // Refills the entry past L1. With failSafe, waits at most FillTimeout and answers with the stale entry when the source
    // is slower (the refill goes on) or fails; without, the answer or failure is final.
    private async ValueTask<CachedRead> RefillAsync<TQuery, TValue>(Fill<TQuery, TValue> fill, CachedRead stale, bool failSafe,
        CancellationToken cancellationToken)
    {
        var refresh = RefreshAsync(fill).AsTask();
        try
        {
            var fresh = failSafe ? await refresh.WaitAsync(_policies.FillTimeout, _clock, cancellationToken) : await refresh.WaitAsync(cancellationToken);
            return Served(new CachedRead(fresh, fresh.ClaimOutcome(), _policies.Ttl(fill.Kind, fresh.IsNegative),
                Freshness.Age(fresh.RenderedAtUnixMs, _clock.GetUtcNow())));
        }
        catch (TimeoutException) when (failSafe)
        {
            Observe(refresh, fill.Key);
            return Served(stale with { StaleReason = StaleReason.SourceSlow });
        }
        catch (Exception ex) when (failSafe && SourceUnavailableException.IsSourceFailure(ex))
        {
            if (_logSampler.TryEnter("served-stale", out var heldBack))
            {
                LogServedStale(ex, fill.Key, heldBack);
            }

            return Served(stale with { StaleReason = StaleReason.SourceUnavailable });
        }
    }

    // The request that saw the stale entry does not wait for this.
    private void RefreshInBackground<TQuery, TValue>(Fill<TQuery, TValue> fill)
    {
        if (!_refreshing.TryAdd(fill.Key, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync(fill);
            }
            catch (Exception ex) when (SourceUnavailableException.IsSourceFailure(ex))
            {
                RefreshFailed(ex, fill.Key);
            }
            finally
            {
                _refreshing.TryRemove(fill.Key, out _);
            }
        });
    }

    // A fill past L1 (shared with concurrent refreshes of the key), its entry stored: what L2 holds when it is current
    // (an aged entry its product's mark revalidates, another node's newer fill), else the source's answer.
    private async ValueTask<CachedResponse> RefreshAsync<TQuery, TValue>(Fill<TQuery, TValue> fill)
    {
        var fresh = await _cache.GetOrCreateAsync(fill.Key, fill with { Refreshing = true }, static (f, ct) => f.RunAsync(ct), _policies.Refresh(fill.Kind), null, CancellationToken.None);
        await StoreAsync(fill, fresh);
        return fresh;
    }

    private void Observe(Task refresh, string key) =>
        refresh.ContinueWith(t => RefreshFailed(t.Exception!.GetBaseException(), key), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void RefreshFailed(Exception ex, string key)
    {
        if (_logSampler.TryEnter("refresh-failed", out var heldBack))
        {
            LogRefreshFailed(ex, key, heldBack);
        }
    }

    [LoggerMessage(LogEvents.ServedStale, LogLevel.Warning, "The source failed; served the stale entry {Key} ({HeldBack} more held back since the last such entry).")]
    private partial void LogServedStale(Exception ex, string key, long heldBack);

    [LoggerMessage(LogEvents.RefreshFailed, LogLevel.Warning, "A refresh of {Key} failed; the stale entry stays until the fail-safe window ends ({HeldBack} more held back since the last such entry).")]
    private partial void LogRefreshFailed(Exception ex, string key, long heldBack);
}
