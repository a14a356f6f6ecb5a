using System.Runtime.CompilerServices;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Client;

/// <summary>
/// The moderators' client of the Shazamazon product Q&amp;A edge: the queue of pending questions and answers, and the
/// decisions on them. Apart from <see cref="QaClient"/> so that storefront code never holds moderator rights. Every
/// request carries the moderator key in <c>X-Qa-Moderator-Key</c>. Thread-safe; create it through
/// <c>services.AddQaModerationClient(...)</c> or around your own <see cref="HttpClient"/>. Errors, a wrong key (401)
/// included, are <see cref="QaApiException"/>s; decisions are never retried.
/// </summary>
public class QaModerationClient
{
    /// <summary>The header carrying the moderator key.</summary>
    public const string KeyHeader = "X-Qa-Moderator-Key";

    private const int MaxLimit = 100;
    private readonly EdgeHttp _http = null!;

    /// <summary>Creates a client over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the edge.</summary>
    /// <param name="httpClient">The HTTP client; its base address must be set.</param>
    /// <param name="moderatorKey">The edge's <c>Qa:Moderation:ModeratorKey</c> (or its admin key).</param>
    /// <param name="encoding">The encoding to ask for; MessagePack by default.</param>
    public QaModerationClient(HttpClient httpClient, string moderatorKey, QaWireEncoding encoding = QaWireEncoding.MessagePack)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moderatorKey);
        _http = new EdgeHttp(httpClient, encoding, (KeyHeader, moderatorKey));
    }

    /// <summary>For mocking frameworks only.</summary>
    protected QaModerationClient()
    {
    }

    /// <summary>One page of the queue of <paramref name="kind"/>, oldest first, each item with its reports.</summary>
    /// <param name="kind">Questions or answers.</param>
    /// <param name="limit">Items per page, 1 to 100.</param>
    /// <param name="cursor">The previous page's <see cref="ModerationQueuePage.NextCursor"/>; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="QaApiException">401 for a wrong key; 404 when the edge has no moderator routes; 400 for a cursor of another queue.</exception>
    public virtual async Task<ModerationQueuePage> GetQueueAsync(ModerationKind kind = ModerationKind.Question, int limit = 50, string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        return (await _http.GetAsync(QaRoutes.ModerationQueue(kind, limit, cursor), QaWireFormat.Json.ModerationQueuePage, cancellationToken,
            notFoundIsNull: false).ConfigureAwait(false))!;
    }

    /// <summary>Every queued item of <paramref name="kind"/>, oldest first, page by page as they are enumerated.</summary>
    /// <exception cref="QaApiException">As <see cref="GetQueueAsync"/>.</exception>
    public virtual async IAsyncEnumerable<ModerationItem> GetAllQueuedAsync(ModerationKind kind = ModerationKind.Question,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await GetQueueAsync(kind, MaxLimit, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>Approves a question or answer: visible and counted on every node within the edge's invalidation bound.</summary>
    /// <exception cref="QaApiException">404 when the item does not exist; 401 for a wrong key.</exception>
    public virtual Task ApproveAsync(ModerationKind kind, long id, CancellationToken cancellationToken = default) =>
        DecideAsync(kind, id, approve: true, cancellationToken);

    /// <summary>Rejects a question or answer: hidden for good (later reports leave it as it is).</summary>
    /// <exception cref="QaApiException">404 when the item does not exist; 401 for a wrong key.</exception>
    public virtual Task RejectAsync(ModerationKind kind, long id, CancellationToken cancellationToken = default) =>
        DecideAsync(kind, id, approve: false, cancellationToken);

    private Task DecideAsync(ModerationKind kind, long id, bool approve, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        return _http.SendAsync(HttpMethod.Post, QaRoutes.ModerationDecision(kind, id, approve), content: null, cancellationToken);
    }
}
