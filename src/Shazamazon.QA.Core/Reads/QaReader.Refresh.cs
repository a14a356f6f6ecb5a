using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Reads;

// Stale entries: one background refresh per key at a time, and refills that fall back to the stale entry.
internal sealed partial class QaReader
{
    private readonly ConcurrentDictionary<string, byte> _refreshing = new(StringComparer.Ordinal);

    // Refills the entry past L1 (and past L2 when it was invalidated). With failSafe, waits at most FillTimeout and answers
    // with the stale entry when the source is slower (the refill goes on) or fails; without, the answer or failure is final.
    private async ValueTask<CachedRead> RefillAsync<TQuery, TValue>(Fill<TQuery, TValue> fill, CachedRead stale, bool failSafe,
        bool invalidated, CancellationToken cancellationToken)
    {
        var refresh = RefreshAsync(fill, invalidated).AsTask();
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
    private void RefreshInBackground<TQuery, TValue>(Fill<TQuery, TValue> fill, bool invalidated)
    {
        if (!_refreshing.TryAdd(fill.Key, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync(fill, invalidated);
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

    // A fill past L1 (shared with concurrent refreshes of the key), its entry stored: an entry that has only aged is
    // revalidated in L2 when its product's mark still accepts it; an invalidated one is read from the source.
    private async ValueTask<CachedResponse> RefreshAsync<TQuery, TValue>(Fill<TQuery, TValue> fill, bool invalidated)
    {
        var fresh = await _cache.GetOrCreateAsync(fill.Key, fill with { SkipL2 = invalidated, Refreshing = !invalidated }, static (f, ct) => f.RunAsync(ct), _policies.Refresh(fill.Kind), null, CancellationToken.None);
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
