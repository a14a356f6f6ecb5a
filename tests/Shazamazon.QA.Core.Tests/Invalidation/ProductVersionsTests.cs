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
