using System.Text.Json;

namespace Shazamazon.QA.Contracts;

/// <summary>
/// The body of a webhook delivery (JSON only): <c>{ "id", "type", "occurredAt", "data" }</c>. Delivered at least once,
/// in order per product: a receiver that has seen <see cref="Id"/> already can ignore it.
/// </summary>
/// <param name="Id">The event's id, unique and growing; a retry or a replay carries the same one.</param>
/// <param name="Type">
/// <c>question.created</c>, <c>answer.created</c>, <c>question.answered</c>, <c>item.reported</c>, <c>item.approved</c>
/// or <c>item.rejected</c> (<see cref="Types"/>).
/// </param>
/// <param name="OccurredAt">When the write that made it committed (UTC).</param>
/// <param name="Data">What happened: ids (<c>productId</c> always), and the text of created items.</param>
public sealed record QaWebhookEvent(long Id, string Type, DateTime OccurredAt, JsonElement Data)
{
    /// <summary>Every event type, as the wire and <c>Qa:Webhooks:Endpoints:{n}:Events</c> spell them.</summary>
    public static IReadOnlyList<string> Types { get; } =
        ["question.created", "answer.created", "question.answered", "item.reported", "item.approved", "item.rejected"];
}
