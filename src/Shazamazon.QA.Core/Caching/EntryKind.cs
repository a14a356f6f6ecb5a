namespace Shazamazon.QA.Core.Caching;

/// <summary>The kinds of cached entry; each has its own TTL in <see cref="QaCacheOptions"/>.</summary>
internal enum EntryKind
{
    QuestionPage,
    AnswerPage,
    Count,
    Search,
}
