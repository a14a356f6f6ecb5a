namespace Shazamazon.QA.EdgeHost.Admin;

/// <summary>The body of <c>POST /admin/webhooks/replay</c>: which failed deliveries to send again (all when a field is left out).</summary>
/// <param name="Url">The endpoint whose deliveries are replayed; null: every endpoint's.</param>
/// <param name="EventIds">The events replayed; null: every failed one.</param>
internal sealed record WebhookReplay(string? Url, long[]? EventIds);
