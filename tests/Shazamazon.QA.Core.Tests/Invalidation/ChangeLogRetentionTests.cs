using Microsoft.Extensions.Time.Testing;
using Shazamazon.QA.Core.Invalidation;

namespace Shazamazon.QA.Core.Tests.Invalidation;

public sealed class ChangeLogRetentionTests
{
    [Fact]
    public void Observe_PrunesBelowTheXminOfOneRetentionAgo_NeverSooner()
    {
        var clock = new FakeTimeProvider();
        var retention = new ChangeLogRetention(clock);

        Assert.Null(retention.Observe(100)); // the first snapshot only marks
        clock.Advance(ChangeLogRetention.Retention - TimeSpan.FromSeconds(1));
        Assert.Null(retention.Observe(180));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(100, retention.Observe(200)); // what ended before the mark did so a retention ago

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(retention.Observe(250)); // the next mark is the last prune's
        clock.Advance(ChangeLogRetention.Retention);
        Assert.Equal(200, retention.Observe(300));
    }

    [Fact]
    public void Observe_NeverPrunesAboveThePresentXmin()
    {
        var clock = new FakeTimeProvider();
        var retention = new ChangeLogRetention(clock);
        retention.Observe(500);
        clock.Advance(ChangeLogRetention.Retention);

        Assert.Equal(40, retention.Observe(40)); // transaction ids went back: rows from 40 on may be unread
    }
}
