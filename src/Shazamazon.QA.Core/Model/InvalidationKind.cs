namespace Shazamazon.QA.Core.Model;

/// <summary>What an <see cref="InvalidationMessage"/> asks of every node.</summary>
public enum InvalidationKind
{
    /// <summary>A product changed: its entries older than the new version are stale.</summary>
    Change,

    /// <summary>An operator purged a product: every entry of it rendered so far is stale.</summary>
    Purge,

    /// <summary>Everything rendered so far is stale (a node missed changes, a bulk import, an operator's purge of all).</summary>
    Flush,

    /// <summary>
    /// The database went back (a restore, a point-in-time recovery, a failover to a replica that missed writes):
    /// everything rendered so far is stale, and every version known so far is forgotten, since new versions may be lower.
    /// </summary>
    Reset,
}
