using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>A page of the moderation queue: <c>GET /api/v1/moderation/queue</c>, oldest item first.</summary>
/// <param name="Items">The queued items of this page.</param>
/// <param name="NextCursor">Where the next page starts (pass it as <c>cursor</c>); null on the last page.</param>
[MessagePackObject]
public sealed record ModerationQueuePage(
    [property: Key("items")] IReadOnlyList<ModerationItem> Items,
    [property: Key("nextCursor")] string? NextCursor);
