using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Moderation;

/// <summary>
/// What moderators do: read the queue of pending questions or answers (from the primary, never cached), and approve or
/// reject an item. A decision is a write: once it commits, the product is evicted on this node and in L2 before the call
/// returns, and on every other node within the invalidation bound.
/// </summary>
public interface IQaModerator
{
    /// <summary>A page of the pending items of <see cref="ModerationQueueQuery.Kind"/>, oldest first, each with its reports.</summary>
    Task<ModerationQueuePage> QueueAsync(ModerationQueueQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes an item <c>approved</c> (visible, counted) or <c>rejected</c> (hidden for good: later reports leave it as it
    /// is). Deciding what is decided already changes nothing. Null when the item does not exist.
    /// </summary>
    Task<ProductChange?> DecideAsync(ModerationKind kind, long id, bool approve, CancellationToken cancellationToken = default);
}
