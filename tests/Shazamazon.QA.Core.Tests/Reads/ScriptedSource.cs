using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Tests.Reads;

/// <summary>A source the test controls: question counts only, counted calls, a gate to hold them, a switch to fail them.</summary>
internal sealed class ScriptedSource : IQaSource
{
    private int _calls;

    public string Name => "scripted";

    public int Calls => Volatile.Read(ref _calls);

    public int Count { get; set; } = 3;

    /// <summary>The product version the counts are read at.</summary>
    public long Version { get; set; } = 1;

    public bool Failing { get; set; }

    public TaskCompletionSource? Gate { get; set; }

    public async Task<Versioned<ProductQuestionCount>?> QuestionCountAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        return Failing ? throw new SourceUnavailableException("The scripted source is down.") : new(productId, Version, new ProductQuestionCount(productId, Count));
    }

    public Task<Versioned<QuestionPageRead>?> QuestionPageAsync(QuestionPageQuery query, IReadOnlyList<long>? walk, ConsistencyToken atLeast,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Versioned<QuestionAnswersPage>?> AnswerPageAsync(AnswerPageQuery query, ConsistencyToken atLeast, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Versioned<QuestionSearchResults>?> SearchAsync(QuestionSearchQuery query, ConsistencyToken atLeast, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Versioned<ProductQuestionStats>?> QuestionStatsAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Versioned<LegacyItem>?> LegacyItemAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) => throw new NotSupportedException();
}
