using Shazamazon.QA.Core.Caching;

namespace Shazamazon.QA.Core.Reads;

/// <summary>The answer to one cached read.</summary>
/// <param name="Response">The pre-rendered response.</param>
/// <param name="Outcome">Where it came from, for this request.</param>
/// <param name="MaxAge">How long clients may reuse it (<c>Cache-Control: max-age</c>), from the current TTL of its kind.</param>
public readonly record struct CachedRead(CachedResponse Response, CacheOutcome Outcome, TimeSpan MaxAge);
