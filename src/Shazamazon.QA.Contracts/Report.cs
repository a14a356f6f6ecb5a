using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>
/// The optional body of the report routes: <c>{ "reason": "spam" | "offensive" | "off-topic" | "other", "reporter": "..." }</c>.
/// A report hides the item at once (it becomes <c>pending</c>) and queues it for a moderator.
/// </summary>
/// <param name="Reason">Why the item is reported; null: <c>other</c>.</param>
/// <param name="Reporter">
/// Who reports (1 to 64 printable characters, opaque to the edge): one report per reporter per item counts. Null: the edge
/// uses the browser's <c>qa_voter</c> cookie, as for votes.
/// </param>
[MessagePackObject]
public sealed record Report(
    [property: Key("reason")] string? Reason = null,
    [property: Key("reporter")] string? Reporter = null)
{
    /// <summary>The reasons a report may give, as the wire spells them.</summary>
    public static IReadOnlyList<string> Reasons { get; } = ["spam", "offensive", "off-topic", "other"];
}
