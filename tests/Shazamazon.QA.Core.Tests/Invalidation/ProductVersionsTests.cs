using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Invalidation;

namespace Shazamazon.QA.Core.Tests.Invalidation;

public sealed class ProductVersionsTests
{
    [Fact]
    public void MarkChanged_SaysWhetherTheChangeWasNews_AndNeverLowersTheMark()
    {
        var versions = new ProductVersions(Options(new QaCacheOptions()), new FakeTimeProvider());
        Assert.True(versions.MarkChanged(7, 3));
        Assert.False(versions.MarkChanged(7, 3));
        Assert.False(versions.MarkChanged(7, 2)); // an older write arriving late
        Assert.True(versions.TryGet(7, out var mark));
        Assert.Equal(3, mark.Version);
        Assert.True(versions.MarkChanged(7, 4));
        Assert.False(versions.TryGet(8, out _));
    }

    [Fact]
    public void Reset_ForgetsVersionsMarkedUntilThen_SoLowerVersionsAreNewsAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        var versions = new ProductVersions(Options(new QaCacheOptions()), clock);
        versions.MarkChanged(7, 900);
        versions.MarkChanged(8, 950);
        Assert.Equal(950, versions.Highest);

        clock.Advance(TimeSpan.FromSeconds(1));
        var at = versions.Reset();
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), at);
        Assert.Equal(at, versions.FlushedAtUnixMs); // everything rendered so far is stale
        Assert.Equal((0, 0L), (versions.Count, versions.Highest));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(versions.MarkChanged(7, 401)); // the restored database hands out lower versions: news again

        // A reset heard later (its own announcement coming back) keeps what was marked after it.
        clock.Advance(TimeSpan.FromSeconds(1));
        versions.Reset(at);
        Assert.True(versions.TryGet(7, out var mark));
        Assert.Equal(401, mark.Version);
    }

    [Fact]
    public void Marks_AreForgottenOnceTheLongestAnEntryIsKeptHasPassed()
    {
        var clock = new FakeTimeProvider();
        // Entries live at most the longest TTL plus the stale window: 2 + 1 minutes here.
        var options = new QaCacheOptions { QuestionPages = TimeSpan.FromMinutes(2), StaleWhileRevalidate = TimeSpan.Zero, FailSafeMaxStaleness = TimeSpan.FromMinutes(1) };
        var versions = new ProductVersions(Options(options), clock);
        versions.MarkChanged(1, 1);
        clock.Advance(TimeSpan.FromMinutes(2.5));
        versions.MarkChanged(3, 3);
        Assert.True(versions.TryGet(1, out _)); // not yet forgotten
        clock.Advance(TimeSpan.FromMinutes(1));
        versions.MarkChanged(2, 2); // a later write triggers the sweep
        Assert.Equal(2, versions.Count);
        Assert.False(versions.TryGet(1, out _));
        Assert.True(versions.TryGet(2, out _));
    }

    internal static IOptionsMonitor<QaCacheOptions> Options(QaCacheOptions options) => new StaticMonitor<QaCacheOptions>(options);
}
