namespace Shazamazon.QA.Core;

/// <summary>
/// The event id of every log message of this assembly, in one place so that none is used twice (a test holds that,
/// over all of QaEdge's assemblies). Ranges: Shazamazon.QA.Core 1-99, Shazamazon.QA.Bulk 100-199, EdgeHost 200-299.
/// </summary>
internal static class LogEvents
{
    // Data
    public const int MigrationApplied = 1;

    // Sources: PostgreSQL
    public const int DatabaseCircuitOpened = 20;

    // Caching: Redis as L2
    public const int RedisCallFailed = 10;
    public const int RedisConnectionLost = 11;
    public const int RedisConnectionRestored = 12;
    public const int RedisMarkSkipped = 13;
    public const int RedisCircuitOpened = 14;

    // Invalidation: the Redis channel between nodes
    public const int InvalidationChannelLost = 40;
    public const int InvalidationChannelRestored = 41;
    public const int InvalidationSubscribeFailed = 42;
    public const int InvalidationPublishFailed = 43;
    public const int InvalidationMalformed = 44;
    public const int InvalidationFlushAnnounced = 45;

    // Invalidation: following PostgreSQL's changes
    public const int DatabaseNotificationsLost = 50;
    public const int DatabaseNotificationsRestored = 51;
    public const int DatabaseEpochChanged = 52;
    public const int DatabaseVersionsWentBack = 53;
    public const int DatabaseFollowingResumed = 54;

    // Reads
    public const int ServedStale = 60;
    public const int RefreshFailed = 61;

    // Webhooks
    public const int WebhookLeading = 70;
    public const int WebhookLeadLost = 71;
    public const int WebhookDeliveryFailed = 72;
}
