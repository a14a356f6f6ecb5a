using System.Buffers;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.HotPath;

/// <summary>A typical page (five questions of about two answers each, about 1.7 KB of JSON) and a source that serves it.</summary>
internal sealed class SamplePage : IQaSource
{
    public const long ProductId = 42;

    public static readonly QuestionPageQuery Query = new(ProductId, 1, 5, QuestionSort.Helpful);

    public static ProductQuestionsPage Page { get; } = new(ProductId, "Ergonomic Steel Chair", "Furniture", 7, 1, 5, "helpful",
        [.. Enumerable.Range(1, 5).Select(q => new Question(q, $"Does the chair {q} fold flat for storage in a small flat?", "asker" + q,
            new DateTime(2021, 3, q, 0, 0, 0, DateTimeKind.Utc), 10 - q, 2,
            [.. Enumerable.Range(1, 2).Select(a => new Answer(q * 10 + a, "Yes, it folds in seconds and fits under a bed.", "answerer" + a,
                new DateTime(2021, 4, a, 0, 0, 0, DateTimeKind.Utc), a))]))]);

    /// <summary>The page as the source gives it, at version 1.</summary>
    public static Versioned<ProductQuestionsPage> Read { get; } = new(ProductId, 1, Page);

    /// <summary>The page rendered as a fill renders it.</summary>
    public static CachedResponse Render(ResponseRenderer renderer) => renderer.Render(Read, QaWireFormat.Json.ProductQuestionsPage);

    /// <summary>The L2 entry of a rendered page, as a fill stores it.</summary>
    public static ReadOnlySequence<byte> Entry(CachedResponse response)
    {
        var writer = new ArrayBufferWriter<byte>();
        CachedResponseSerializer.Serialize(response, writer);
        return new ReadOnlySequence<byte>(writer.WrittenMemory);
    }

    public string Name => "sample";

    public Task<Versioned<QuestionPageRead>?> QuestionPageAsync(QuestionPageQuery query, IReadOnlyList<long>? walk, ConsistencyToken atLeast,
        CancellationToken cancellationToken) =>
        Task.FromResult<Versioned<QuestionPageRead>?>(new(Read.ProductId, Read.Version, new QuestionPageRead(Read.Value, Walk: null)));

    public Task<Versioned<QuestionAnswersPage>?> AnswerPageAsync(AnswerPageQuery query, ConsistencyToken atLeast, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Versioned<ProductQuestionCount>?> QuestionCountAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Versioned<ProductQuestionStats>?> QuestionStatsAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Versioned<QuestionSearchResults>?> SearchAsync(QuestionSearchQuery query, ConsistencyToken atLeast, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Versioned<LegacyItem>?> LegacyItemAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) => throw new NotSupportedException();
}
