namespace Shazamazon.QA.Core.Model;

/// <summary>The answer to one cached read.</summary>
/// <param name="Response">The pre-rendered response.</param>
/// <param name="Outcome">Where it came from, for this request.</param>
/// <param name="MaxAge">How long clients may reuse it (<c>Cache-Control: max-age</c>), from the current TTL of its kind.</param>
/// <param name="Age">How old it is: the time since it was rendered (<c>Age</c>).</param>
/// <param name="StaleReason">Why it was served stale; null when it is fresh.</param>
public readonly record struct CachedRead(CachedResponse Response, CacheOutcome Outcome, TimeSpan MaxAge, TimeSpan Age, StaleReason? StaleReason = null);
