using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Reads;

// The cache keys of recent queries, one table per kind, so that a read of a hot entry builds no key string.
internal sealed partial class QaReader
{
    private readonly CacheKeyTable<QuestionPageQuery> _questionPageKeys = new(CacheKeys.QuestionPage);
    private readonly CacheKeyTable<AnswerPageQuery> _answerPageKeys = new(CacheKeys.AnswerPage);
    private readonly CacheKeyTable<long> _countKeys = new(CacheKeys.QuestionCount);
    private readonly CacheKeyTable<long> _statsKeys = new(CacheKeys.QuestionStats);
    private readonly CacheKeyTable<QuestionSearchQuery> _searchKeys = new(CacheKeys.Search);
    private readonly CacheKeyTable<long> _legacyKeys = new(CacheKeys.LegacyItem);
}
