using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Core.Sources;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Core.Tests.Reads;

/// <summary>
/// What the reader does with each of the rule's decisions, on a fake clock, with a source the test controls: serve,
/// serve stale while one refresh runs, serve stale when the source is slow or down, and refuse past the fail-safe window.
/// </summary>
public sealed class QaReaderFreshnessTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly ScriptedSource _source = new();
    private readonly ServiceProvider _services;
    private readonly IQaReader _reader;

    public QaReaderFreshnessTests()
    {
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Critical))
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IQaSource>(_source); // registered first: the core's TryAdd keeps it
        services.AddQaCore(new ConfigurationBuilder().Build());
        _services = services.BuildServiceProvider();
        _reader = _services.GetRequiredService<IQaReader>();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task WithinTheTtl_TheEntryIsServed_AndTheSourceAskedOnce()
    {
        Assert.Equal(CacheOutcome.Miss, (await _reader.QuestionCountAsync(1)).Outcome);
        _clock.Advance(TimeSpan.FromSeconds(59));

        var read = await _reader.QuestionCountAsync(1);

        Assert.Equal((CacheOutcome.HitL1, (StaleReason?)null), (read.Outcome, read.StaleReason));
        Assert.Equal(TimeSpan.FromSeconds(59), read.Age);
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task PastTheTtl_TheStaleEntryIsServedAtOnce_WhileOneRefreshRuns()
    {
        await _reader.QuestionCountAsync(1);
        _source.Count = 4;
        _source.Gate = new TaskCompletionSource();
        _clock.Advance(TimeSpan.FromSeconds(61));

        var reads = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _reader.QuestionCountAsync(1).AsTask()));

        Assert.All(reads, r => Assert.Equal((CacheOutcome.Stale, StaleReason.Revalidating), (r.Outcome, r.StaleReason)));
        _source.Gate.SetResult();
        await Eventually.TrueAsync(async () => (await _reader.QuestionCountAsync(1)).Outcome != CacheOutcome.Stale, "the refreshed entry is served");
        Assert.Equal(2, _source.Calls); // the fill, then one refresh for all five stale reads
        Assert.Contains("\"totalQuestions\":4", System.Text.Encoding.UTF8.GetString((await _reader.QuestionCountAsync(1)).Response.Json.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastStaleWhileRevalidate_ASourceThatFails_LeavesTheStaleEntryAsTheAnswer()
    {
        await _reader.QuestionCountAsync(1);
        _source.Failing = true;
        _clock.Advance(TimeSpan.FromMinutes(2));

        var read = await _reader.QuestionCountAsync(1);

        Assert.Equal((CacheOutcome.Stale, StaleReason.SourceUnavailable), (read.Outcome, read.StaleReason));
        Assert.Equal(TimeSpan.FromMinutes(2), read.Age);
    }

    [Fact]
    public async Task PastStaleWhileRevalidate_ASourceSlowerThanTheFillTimeout_LeavesTheStaleEntryAsTheAnswer()
    {
        await _reader.QuestionCountAsync(1);
        _source.Gate = new TaskCompletionSource();
        _clock.Advance(TimeSpan.FromMinutes(2));

        var pending = _reader.QuestionCountAsync(1).AsTask();
        await Eventually.TrueAsync(() => Task.FromResult(_source.Calls == 2), "the refill reaches the source");
        Assert.False(pending.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1)); // Qa:Cache:FillTimeout

        var read = await pending;
        Assert.Equal((CacheOutcome.Stale, StaleReason.SourceSlow), (read.Outcome, read.StaleReason));
        _source.Gate.SetResult();
    }

    [Fact]
    public async Task PastTheFailSafeWindow_ASourceThatFails_IsTheCallersFailure()
    {
        await _reader.QuestionCountAsync(1);
        _source.Failing = true;
        _clock.Advance(TimeSpan.FromMinutes(61) + TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<SourceUnavailableException>(() => _reader.QuestionCountAsync(1).AsTask());
    }
}
