using Shazamazon.QA.Core.Caching;
using StackExchange.Redis;

namespace Shazamazon.QA.Core.Tests.Caching;

public sealed class ProductMarkTests
{
    [Theory]
    [InlineData(6, 1_000, true)]  // older than the mark's version
    [InlineData(7, 1_000, true)]  // the mark's version, rendered before the purge
    [InlineData(7, 2_000, true)]  // rendered at the purge's instant
    [InlineData(7, 2_001, false)] // rendered after the purge, at the current version: current
    [InlineData(8, 2_001, false)] // newer than the mark (a fill raced ahead of the mark): current
    public void Supersedes_OlderVersionsAndEntriesRenderedUntilThePurge(long version, long renderedAt, bool superseded)
    {
        var mark = new ProductMark(7, 2_000, 3_000);
        Assert.Equal(superseded, mark.Supersedes(version, renderedAt));
    }

    [Fact]
    public void StoredForm_RoundTrips_AndAnythingElseIsNoMark()
    {
        var mark = new ProductMark(123_456_789, 1_796_000_000_000, 1_796_000_000_500);
        Assert.True(ProductMark.TryParse((RedisValue)mark.ToString(), out var parsed));
        Assert.Equal(mark, parsed);

        foreach (var other in new[] { RedisValue.Null, (RedisValue)"", (RedisValue)"7", (RedisValue)"7:5", (RedisValue)"7:5:", (RedisValue)":5:1", (RedisValue)"-1:5:1", (RedisValue)"a:b:c", (RedisValue)"1:2:3:4" })
        {
            Assert.False(ProductMark.TryParse(other, out _));
        }
    }
}
