using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Tests.Caching;

public sealed class CacheKeyTableTests
{
    [Fact]
    public void EqualQueries_GetTheSameKeyInstance_BuiltOnce()
    {
        var builds = 0;
        var table = new CacheKeyTable<QuestionPageQuery>(q => { builds++; return CacheKeys.QuestionPage(q); });

        var first = table.Get(new QuestionPageQuery(7, 1, 5, QuestionSort.Helpful));
        var second = table.Get(new QuestionPageQuery(7, 1, 5, QuestionSort.Helpful));

        Assert.Same(first, second);
        Assert.Equal(CacheKeys.QuestionPage(new QuestionPageQuery(7, 1, 5, QuestionSort.Helpful)), first);
        Assert.Equal(1, builds);
    }

    [Fact]
    public void DifferentQueries_GetTheirOwnKeys()
    {
        var table = new CacheKeyTable<QuestionPageQuery>(CacheKeys.QuestionPage);

        Assert.NotEqual(table.Get(new QuestionPageQuery(7, 1, 5, QuestionSort.Helpful)), table.Get(new QuestionPageQuery(7, 1, 5, QuestionSort.Newest)));
        Assert.NotEqual(table.Get(new QuestionPageQuery(7, 1, 5, QuestionSort.Helpful)), table.Get(new QuestionPageQuery(8, 1, 5, QuestionSort.Helpful)));
    }

    [Fact]
    public void FullTable_StartsOver_AndStillAnswersCorrectKeys()
    {
        var builds = 0;
        var table = new CacheKeyTable<long>(id => { builds++; return CacheKeys.QuestionCount(id); }, capacity: 3);

        for (var id = 1; id <= 4; id++)
        {
            Assert.Equal(CacheKeys.QuestionCount(id), table.Get(id)); // the fourth key clears the first three
        }

        Assert.Equal(CacheKeys.QuestionCount(1), table.Get(1));
        Assert.Equal(5, builds); // id 1 was built again: the table had started over
        Assert.Equal(CacheKeys.QuestionCount(4), table.Get(4));
        Assert.Equal(5, builds); // id 4 was kept after the clear
    }

    [Fact]
    public void CapacityBelowOne_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CacheKeyTable<long>(CacheKeys.QuestionCount, capacity: 0));
        Assert.Equal("capacity", error.ParamName);
    }
}
