using System.Text.Json;

namespace Shazamazon.QA.Core.Webhooks;

/// <summary>A delivery kept as failed once its retries ran out: what <c>GET /admin/webhooks/failed</c> lists.</summary>
/// <param name="Url">The endpoint.</param>
/// <param name="EventId">The event.</param>
/// <param name="Type">The event's type.</param>
/// <param name="OccurredAt">When the event's write committed.</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="LastError">What the last attempt got: a status, or the connection's failure.</param>
/// <param name="Data">The event's data.</param>
public sealed record FailedDelivery(string Url, long EventId, string Type, DateTime OccurredAt, int Attempts, string? LastError, JsonElement Data);
