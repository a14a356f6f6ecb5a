namespace Shazamazon.QA.Core.Operations;

/// <summary>Readiness of what this node depends on: PostgreSQL (with a database source) and Redis (when configured).</summary>
public interface IQaHealth
{
    /// <summary>
    /// Checks each dependency within 2 s: <c>ok</c>, <c>unavailable</c>, for PostgreSQL <c>migrations-pending</c> (its
    /// schema is behind this build's migrations: without them, changes may go unannounced and caches stale; run
    /// <c>EdgeHost migrate</c>), or for Redis <c>circuit-open</c> (skipped after repeated failures). Never an error
    /// text, which could name hosts or credentials.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken = default);
}
