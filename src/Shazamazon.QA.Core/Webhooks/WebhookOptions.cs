namespace Shazamazon.QA.Core.Webhooks;

/// <summary>Options of section <c>Qa:Webhooks</c>: where events go, and how deliveries are retried.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Webhooks";

    /// <summary>
    /// The receivers (<c>Qa:Webhooks:Endpoints:{n}:Url</c>, <c>:Secret</c>, <c>:Events</c>). The node delivering events
    /// (one in the fleet) uses its own list: an endpoint takes the events written after it first appears there.
    /// </summary>
    public IList<WebhookEndpointOptions> Endpoints { get; } = [];

    /// <summary>How long a delivery is retried (with growing delays) before it is kept as failed. Default 1.00:00:00.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The delay before the first retry; each later one doubles, up to <see cref="MaxRetryDelay"/>. Default 00:00:01.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between retries. Default 01:00:00.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a receiver has to answer one delivery. Default 00:00:10.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a node checks whether it should deliver (when the delivering node is gone) and, while delivering, for
    /// due retries; new events wake the delivering node when its node reads them from the change log
    /// (<c>Qa:Coherence:DatabasePollInterval</c>), or at this interval when it does not follow the database. Default 00:00:02.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
