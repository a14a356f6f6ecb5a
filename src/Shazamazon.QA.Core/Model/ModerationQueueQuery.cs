using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Core.Model;

/// <summary>A validated request for a page of the moderation queue.</summary>
/// <param name="Kind">Questions or answers.</param>
/// <param name="Limit">The page size, 1..100.</param>
/// <param name="After">Where the previous page ended (its last item's time and id); null for the first page.</param>
public readonly record struct ModerationQueueQuery(ModerationKind Kind, int Limit, KeysetCursor? After)
{
    /// <summary>The <see cref="KeysetCursor.Tag"/> of the queue of <paramref name="kind"/>.</summary>
    public static byte CursorTag(ModerationKind kind) => kind == ModerationKind.Answer ? (byte)0x11 : (byte)0x10;
}
