namespace Shazamazon.QA.Client;

/// <summary>Options of <see cref="QaModerationClient"/>, usually bound from configuration (e.g. section <c>QaModerationClient</c>).</summary>
public sealed class QaModerationClientOptions
{
    /// <summary>The edge's base address, e.g. <c>http://qa-edge:5080/</c>. Required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The edge's <c>Qa:Moderation:ModeratorKey</c> (or its admin key). Required; keep it out of source control.</summary>
    public string? ModeratorKey { get; set; }

    /// <summary>The encoding of responses. Default <see cref="QaWireEncoding.MessagePack"/>.</summary>
    public QaWireEncoding Encoding { get; set; } = QaWireEncoding.MessagePack;

    /// <summary>The longest one attempt may take. Default 00:00:05.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a call may take, retries included. Default 00:00:15.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
