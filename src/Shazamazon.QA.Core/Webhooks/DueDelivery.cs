namespace Shazamazon.QA.Core.Webhooks;

/// <summary>A delivery whose time has come: the head of its product's queue for its endpoint.</summary>
internal sealed record DueDelivery(string Url, long EventId, int Attempts, DateTime RetryUntil, string Type, DateTime OccurredAt, string Data);
