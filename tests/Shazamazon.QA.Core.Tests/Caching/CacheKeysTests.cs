using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.Core.Tests.Caching;

public sealed class CacheKeysTests
{
    [Fact]
    public void Keys_AreVersionedAndDistinctPerKindAndParameter()
    {
        var keys = new[]
        {
            CacheKeys.QuestionPage(new QuestionPageQuery(42, 1, 5, QuestionSort.Helpful)),
            CacheKeys.QuestionPage(new QuestionPageQuery(42, 1, 5, QuestionSort.Newest)),
            CacheKeys.QuestionPage(new QuestionPageQuery(42, 2, 5, QuestionSort.Helpful)),
            CacheKeys.QuestionPage(new QuestionPageQuery(42, 1, 50, QuestionSort.Helpful)),
            CacheKeys.QuestionPage(new QuestionPageQuery(421, 1, 5, QuestionSort.Helpful)),
            CacheKeys.AnswerPage(new AnswerPageQuery(42, 1, 5)),
            CacheKeys.QuestionCount(42),
            CacheKeys.LegacyItem(42),
            CacheKeys.Search(new QuestionSearchQuery(42, "rain", 10)),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.All(keys, k => Assert.StartsWith(CacheKeys.Prefix, k, StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_ComeFromNormalizedQueries_SoEquivalentRequestsShareOne()
    {
        var errors = new FieldErrors();
        var a = QueryValidator.QuestionPage("42", null, null, null, null, null, errors)!.Value;
        var b = QueryValidator.QuestionPage("42", "1", "5", "helpful", null, null, errors)!.Value;
        Assert.Equal(CacheKeys.QuestionPage(a), CacheKeys.QuestionPage(b));

        var s1 = QueryValidator.Search("42", "  Rain   Cover ", null, errors)!.Value;
        var s2 = QueryValidator.Search("42", "rain cover", "10", errors)!.Value;
        Assert.Equal(CacheKeys.Search(s1), CacheKeys.Search(s2));
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void ProductKeys_ShareTheirMarksHashTag_AndAnswerPagesNameTheirQuestion()
    {
        var mark = CacheKeys.ProductMark(42);
        foreach (var key in new[]
        {
            CacheKeys.QuestionPage(new QuestionPageQuery(42, 3, 5, QuestionSort.Newest)),
            CacheKeys.QuestionCount(42),
            CacheKeys.LegacyItem(42),
            CacheKeys.Search(new QuestionSearchQuery(42, "{p7} rain", 10)),
        })
        {
            Assert.Contains("{p42}", key, StringComparison.Ordinal);
            Assert.True(CacheKeys.TryGetProductMark(key, out var found));
            Assert.Equal(mark, found);
        }

        var answers = CacheKeys.AnswerPage(new AnswerPageQuery(42, 1, 5));
        Assert.Contains("{q42}", answers, StringComparison.Ordinal);
        Assert.False(CacheKeys.TryGetProductMark(answers, out _));
    }
}
