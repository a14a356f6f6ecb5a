namespace Shazamazon.QA.Core.Webhooks;

/// <summary>One webhook receiver: <c>Qa:Webhooks:Endpoints:{n}</c>.</summary>
public sealed class WebhookEndpointOptions
{
    /// <summary>The absolute http(s) address events are POSTed to; it names the endpoint (its queue and failed list).</summary>
    public Uri? Url { get; set; }

    /// <summary>The HMAC key of <c>X-Qa-Signature</c>, at least 16 characters, shared with the receiver only.</summary>
    public string? Secret { get; set; }

    /// <summary>The event types it receives (<see cref="Contracts.QaWebhookEvent.Types"/>); at least one.</summary>
    public IList<string> Events { get; } = [];
}
