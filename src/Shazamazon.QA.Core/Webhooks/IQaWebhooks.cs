namespace Shazamazon.QA.Core.Webhooks;

/// <summary>The failed webhook deliveries, for operators: listed, and sent again.</summary>
public interface IQaWebhooks
{
    /// <summary>Failed deliveries, oldest event first: of <paramref name="url"/>'s endpoint, or of all when null.</summary>
    Task<IReadOnlyList<FailedDelivery>> FailedAsync(string? url, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends failed deliveries again, with a new retry window (<c>Qa:Webhooks:RetryFor</c>): those of <paramref name="url"/>'s
    /// endpoint (all when null), of the events listed (all when null). Returns how many were queued again.
    /// </summary>
    Task<int> ReplayAsync(string? url, IReadOnlyList<long>? eventIds, CancellationToken cancellationToken = default);
}
