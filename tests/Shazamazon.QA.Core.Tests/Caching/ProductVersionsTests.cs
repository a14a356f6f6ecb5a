using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Caching;

namespace Shazamazon.QA.Core.Tests.Caching;

public sealed class ProductVersionsTests
{
    [Fact]
    public void IsStale_OnlyForEntriesOlderThanTheLastKnownWrite()
    {
        var versions = new ProductVersions(Monitor(new QaCacheOptions()), new ManualClock());
        Assert.False(versions.IsStale(42, 0));
        versions.MarkChanged(42, 10);
        Assert.True(versions.IsStale(42, 9));
        Assert.False(versions.IsStale(42, 10));
        Assert.False(versions.IsStale(43, 0));
        versions.MarkChanged(42, 5); // an older write arriving late never lowers the mark
        Assert.True(versions.IsStale(42, 9));
        Assert.False(versions.IsStale(0, 0)); // 404 entries belong to no product
    }

    [Fact]
    public void MarkChanged_SaysWhetherTheChangeWasNews()
    {
        var versions = new ProductVersions(Monitor(new QaCacheOptions()), new ManualClock());
        Assert.True(versions.MarkChanged(7, 3));
        Assert.False(versions.MarkChanged(7, 3));
        Assert.False(versions.MarkChanged(7, 2));
        Assert.True(versions.MarkChanged(7, 4));
    }

    [Fact]
    public void Flush_MakesEverythingRenderedBeforeItStale()
    {
        var clock = new ManualClock();
        var versions = new ProductVersions(Monitor(new QaCacheOptions()), clock);
        var before = Response(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(1));
        versions.Flush();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(versions.IsStale(before));
        Assert.False(versions.IsStale(Response(clock.GetUtcNow())));

        static CachedResponse Response(DateTimeOffset at) =>
            new(200, 1, 1, at.ToUnixTimeMilliseconds(), "W/\"x\"", ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, CacheOutcome.Miss);
    }

    [Fact]
    public void Marks_AreForgottenOnceTheLongestTtlHasPassed()
    {
        var clock = new ManualClock();
        // Entries live at most the longest TTL plus the stale window: 2 + 1 minutes here.
        var options = new QaCacheOptions { QuestionPages = TimeSpan.FromMinutes(2), StaleWhileRevalidate = TimeSpan.Zero, FailSafeMaxStaleness = TimeSpan.FromMinutes(1) };
        var versions = new ProductVersions(Monitor(options), clock);
        versions.MarkChanged(1, 1);
        clock.Advance(TimeSpan.FromMinutes(2.5));
        versions.MarkChanged(3, 3);
        Assert.True(versions.IsStale(1, 0)); // not yet forgotten
        clock.Advance(TimeSpan.FromMinutes(1));
        versions.MarkChanged(2, 2); // a later write triggers the sweep
        Assert.Equal(2, versions.Count);
        Assert.False(versions.IsStale(1, 0));
        Assert.True(versions.IsStale(2, 1));
    }

    private static IOptionsMonitor<QaCacheOptions> Monitor(QaCacheOptions options) => new StaticMonitor(options);

    private sealed class StaticMonitor(QaCacheOptions value) : IOptionsMonitor<QaCacheOptions>
    {
        public QaCacheOptions CurrentValue => value;

        public QaCacheOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<QaCacheOptions, string?> listener) => null;
    }
}

internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
