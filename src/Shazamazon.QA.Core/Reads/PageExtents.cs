using Microsoft.Extensions.Caching.Memory;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// The lengths of lists this node has read (a product's questions, a question's answers), so that a page past the end is
/// answered with an empty page without a query: otherwise every <c>page</c> and <c>count</c> up to their bounds is a
/// distinct key, and a client walking them turns each request into a PostgreSQL query. An extent is used only while no
/// newer version of its product is known (<see cref="Invalidation.Staleness"/>) and for the kind's TTL at most.
/// Bounded by count; compacted oldest first.
/// </summary>
internal sealed class PageExtents : IDisposable
{
    private const int Capacity = 50_000;

    private readonly MemoryCache _lists = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.1 });
    private readonly TimeProvider _clock;

    public PageExtents(TimeProvider clock) => _clock = clock;

    public void Learn(Versioned<ProductQuestionsPage> page, TimeSpan ttl) =>
        Set(ProductKey(page.ProductId), page with { Value = page.Value with { Questions = [], NextCursor = null } }, ttl);

    public void Learn(Versioned<QuestionAnswersPage> page, TimeSpan ttl) =>
        Set(QuestionKey(page.Value.QuestionId), page with { Value = page.Value with { Answers = [] } }, ttl);

    public bool TryGetQuestions(long productId, out PageExtent<ProductQuestionsPage> extent) => TryGet(ProductKey(productId), out extent);

    public bool TryGetAnswers(long questionId, out PageExtent<QuestionAnswersPage> extent) => TryGet(QuestionKey(questionId), out extent);

    public void Dispose() => _lists.Dispose();

    // Product ids and question ids share the store: a product's key is its id, a question's the id's complement.
    private static long ProductKey(long productId) => productId;

    private static long QuestionKey(long questionId) => ~questionId;

    private void Set<TPage>(long key, Versioned<TPage> template, TimeSpan ttl)
    {
        using var entry = _lists.CreateEntry(key);
        entry.Value = new PageExtent<TPage>(template, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = ttl;
    }

    private bool TryGet<TPage>(long key, out PageExtent<TPage> extent)
    {
        if (_lists.TryGetValue(key, out var found) && found is PageExtent<TPage> known)
        {
            extent = known;
            return true;
        }

        extent = null!;
        return false;
    }
}
