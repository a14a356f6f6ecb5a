using Microsoft.Extensions.Time.Testing;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Tests.Invalidation;

/// <summary>The one rule that says whether an entry may still be served as fresh, on a fake clock.</summary>
public sealed class StalenessTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly ProductVersions _versions;
    private readonly CoherenceState _coherence = new(new StaticMonitor<CoherenceOptions>(new CoherenceOptions { MaxStalenessWhileDisconnected = TimeSpan.FromSeconds(5) }));
    private readonly Staleness _staleness;

    public StalenessTests()
    {
        _versions = new ProductVersions(ProductVersionsTests.Options(new QaCacheOptions()), _clock);
        _staleness = new Staleness(_versions, _coherence);
    }

    [Fact]
    public void AnEntry_IsStaleOnlyWhenReadAtAVersionOlderThanItsProductsLastKnownChange()
    {
        Assert.False(_staleness.IsStale(Entry(42, 0), TimeSpan.Zero));
        _versions.MarkChanged(42, 10);
        Assert.True(_staleness.IsStale(Entry(42, 9), TimeSpan.Zero));
        Assert.False(_staleness.IsStale(Entry(42, 10), TimeSpan.Zero));
        Assert.False(_staleness.IsStale(Entry(43, 0), TimeSpan.Zero));
        Assert.False(_staleness.IsStale(Entry(0, 0), TimeSpan.Zero)); // a 404 belongs to no product
    }

    [Fact]
    public void A_Purge_MakesThatProductsEntriesRenderedBeforeItStale()
    {
        var before = Entry(42, 5);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _versions.Purge(42);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(_staleness.IsStale(before, TimeSpan.FromSeconds(2)));
        Assert.False(_staleness.IsStale(Entry(42, 5), TimeSpan.Zero));
        Assert.False(_staleness.IsStale(Entry(43, 5), TimeSpan.Zero));
    }

    [Fact]
    public void A_Flush_MakesEverythingRenderedBeforeItStale()
    {
        var before = Entry(1, 1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _versions.Flush();
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(_staleness.IsStale(before, TimeSpan.FromSeconds(2)));
        Assert.False(_staleness.IsStale(Entry(1, 1), TimeSpan.Zero));
    }

    [Fact]
    public void WhileAChannelIsDown_EntriesOlderThanTheBoundAreStale_UntilItReturns()
    {
        var entry = Entry(1, 1);
        Assert.False(_staleness.IsStale(entry, TimeSpan.FromSeconds(6)));

        _coherence.Lost("redis");
        Assert.False(_staleness.IsStale(entry, TimeSpan.FromSeconds(5)));
        Assert.True(_staleness.IsStale(entry, TimeSpan.FromSeconds(6)));

        _coherence.Restored("redis");
        Assert.False(_staleness.IsStale(entry, TimeSpan.FromSeconds(6)));
    }

    private CachedResponse Entry(long productId, long version) =>
        new(200, productId, version, _clock.GetUtcNow().ToUnixTimeMilliseconds(), "W/\"x\"", ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, CacheOutcome.Miss);
}
