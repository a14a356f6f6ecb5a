namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// How long each kind of entry may be served, and how big the cache may grow (configuration section <c>Qa:Cache</c>).
/// TTLs are read per request, so a change in configuration applies to new responses without a restart; they also set
/// the <c>Cache-Control: max-age</c> of the responses.
/// </summary>
public sealed class QaCacheOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Qa:Cache";

    /// <summary>Pages of a product's questions. Default 00:01:00.</summary>
    public TimeSpan QuestionPages { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Pages of a question's answers. Default 00:01:00.</summary>
    public TimeSpan AnswerPages { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A product's question count (and the legacy <c>/item</c> shape). Default 00:01:00.</summary>
    public TimeSpan Counts { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Search results. Default 00:00:30.</summary>
    public TimeSpan SearchResults { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>404 answers for products or questions that do not exist. Default 00:00:10.</summary>
    public TimeSpan NotFound { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most memory the in-process (L1) cache may hold, in megabytes. Default 256.</summary>
    public int L1SizeLimitMegabytes { get; set; } = 256;

    /// <summary>The longest any Redis (L2) call may take before it counts as a miss. Default 00:00:00.250.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The largest entry written to Redis, in bytes; larger entries stay in L1 only. Default 4194304 (4 MiB).</summary>
    public int MaximumPayloadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The longest TTL of any kind: the bound on how long anything read before a write can survive.</summary>
    internal TimeSpan Longest => new[] { QuestionPages, AnswerPages, Counts, SearchResults, NotFound }.Max();
}
