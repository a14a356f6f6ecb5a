using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MessagePack;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Client;

/// <summary>
/// The typed client of the Shazamazon product Q&amp;A edge. Thread-safe; create it through
/// <c>services.AddQaClient(...)</c> (IHttpClientFactory, resilience) or around your own <see cref="HttpClient"/>.
/// Reads of something that does not exist return null; every other error is a <see cref="QaApiException"/>.
/// </summary>
public class QaClient
{
    private const int MaxPageSize = 100;
    private readonly HttpClient _http = null!;
    private readonly MediaTypeWithQualityHeaderValue _accept = null!;

    /// <summary>Creates a client over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the edge.</summary>
    /// <param name="httpClient">The HTTP client; its base address must be set.</param>
    /// <param name="encoding">The encoding to ask for; MessagePack by default.</param>
    public QaClient(HttpClient httpClient, QaWireEncoding encoding = QaWireEncoding.MessagePack)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the edge, e.g. http://qa-edge:5080/.", nameof(httpClient));
        }

        _http = httpClient;
        _accept = new MediaTypeWithQualityHeaderValue(encoding == QaWireEncoding.MessagePack ? QaWireFormat.MessagePackMediaType : QaWireFormat.JsonMediaType);
    }

    /// <summary>For mocking frameworks only.</summary>
    protected QaClient()
    {
    }

    /// <summary>One page of a product's questions, each with its five most helpful answers.</summary>
    /// <returns>The page, or null when the product does not exist.</returns>
    public virtual Task<ProductQuestionsPage?> GetQuestionsAsync(long productId, int page = 1, int count = 5,
        QuestionSort sort = QuestionSort.Helpful, CancellationToken cancellationToken = default)
    {
        Positive(productId);
        Page(page, count);
        return GetAsync(QaRoutes.QuestionPage(productId, page, count, sort), QaWireFormat.Json.ProductQuestionsPage, cancellationToken);
    }

    /// <summary>Every question of a product, page by page, as they are enumerated.</summary>
    /// <returns>The questions; none when the product does not exist.</returns>
    public virtual async IAsyncEnumerable<Question> GetAllQuestionsAsync(long productId, QuestionSort sort = QuestionSort.Helpful,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = 1; ; page++)
        {
            var questions = await GetQuestionsAsync(productId, page, MaxPageSize, sort, cancellationToken).ConfigureAwait(false);
            if (questions is null)
            {
                yield break;
            }

            foreach (var question in questions.Questions)
            {
                yield return question;
            }

            if (questions.Questions.Count < MaxPageSize || (long)page * MaxPageSize >= questions.TotalQuestions)
            {
                yield break;
            }
        }
    }

    /// <summary>One page of a question's answers, most helpful first.</summary>
    /// <returns>The page, or null when the question does not exist (or was reported).</returns>
    public virtual Task<QuestionAnswersPage?> GetAnswersAsync(long questionId, int page = 1, int count = 5, CancellationToken cancellationToken = default)
    {
        Positive(questionId);
        Page(page, count);
        return GetAsync(QaRoutes.AnswerPage(questionId, page, count), QaWireFormat.Json.QuestionAnswersPage, cancellationToken);
    }

    /// <summary>How many questions a product has.</summary>
    /// <returns>The count, or null when the product does not exist.</returns>
    public virtual async Task<int?> GetQuestionCountAsync(long productId, CancellationToken cancellationToken = default)
    {
        Positive(productId);
        var count = await GetAsync(QaRoutes.QuestionCount(productId), QaWireFormat.Json.ProductQuestionCount, cancellationToken).ConfigureAwait(false);
        return count?.TotalQuestions;
    }

    /// <summary>A product's figures: questions, answered questions, answers, and when the latest of each came.</summary>
    /// <returns>The figures, or null when the product does not exist.</returns>
    public virtual Task<ProductQuestionStats?> GetQuestionStatsAsync(long productId, CancellationToken cancellationToken = default) =>
        GetAsync(QaRoutes.QuestionStats(Positive(productId)), QaWireFormat.Json.ProductQuestionStats, cancellationToken);

    /// <summary>A product's questions whose text or answers match the words of <paramref name="query"/>, best first.</summary>
    /// <returns>The results, or null when the product does not exist.</returns>
    public virtual Task<QuestionSearchResults?> SearchQuestionsAsync(long productId, string query, int count = 10, CancellationToken cancellationToken = default)
    {
        Positive(productId);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Length, 150);
        Page(1, count);
        return GetAsync(QaRoutes.Search(productId, query, count), QaWireFormat.Json.QuestionSearchResults, cancellationToken);
    }

    /// <summary>Asks a question about a product.</summary>
    /// <returns>The created question.</returns>
    /// <exception cref="QaApiException">400 with the invalid fields, or 404 when the product does not exist.</exception>
    public virtual Task<Question> AskQuestionAsync(long productId, NewQuestion question, CancellationToken cancellationToken = default)
    {
        Positive(productId);
        ArgumentNullException.ThrowIfNull(question);
        return CreateAsync(QaRoutes.Questions(productId), question, QaWireFormat.Json.NewQuestion, QaWireFormat.Json.Question, cancellationToken);
    }

    /// <summary>Answers a question.</summary>
    /// <returns>The created answer.</returns>
    /// <exception cref="QaApiException">400 with the invalid fields, or 404 when the question does not exist.</exception>
    public virtual Task<Answer> AnswerQuestionAsync(long questionId, NewAnswer answer, CancellationToken cancellationToken = default)
    {
        Positive(questionId);
        ArgumentNullException.ThrowIfNull(answer);
        return CreateAsync(QaRoutes.Answers(questionId), answer, QaWireFormat.Json.NewAnswer, QaWireFormat.Json.Answer, cancellationToken);
    }

    /// <summary>Votes a question helpful or not, as a voter the edge makes up for this one call (it counts once).</summary>
    /// <exception cref="QaApiException">404 when the question does not exist.</exception>
    public virtual Task VoteQuestionAsync(long questionId, VoteDirection direction, CancellationToken cancellationToken = default) =>
        VoteAsync(QaRoutes.QuestionVotes(Positive(questionId)), direction, null, cancellationToken);

    /// <summary>
    /// Votes a question helpful or not as <paramref name="voter"/> (your user's id, 1 to 64 characters): one vote per
    /// voter, so the same vote again changes nothing, and the other direction replaces it.
    /// </summary>
    /// <exception cref="QaApiException">404 when the question does not exist; 400 for a voter the edge refuses.</exception>
    public virtual Task VoteQuestionAsync(long questionId, VoteDirection direction, string voter, CancellationToken cancellationToken = default) =>
        VoteAsync(QaRoutes.QuestionVotes(Positive(questionId)), direction, Voter(voter), cancellationToken);

    /// <summary>Votes an answer helpful or not, as a voter the edge makes up for this one call (it counts once).</summary>
    /// <exception cref="QaApiException">404 when the answer does not exist.</exception>
    public virtual Task VoteAnswerAsync(long answerId, VoteDirection direction, CancellationToken cancellationToken = default) =>
        VoteAsync(QaRoutes.AnswerVotes(Positive(answerId)), direction, null, cancellationToken);

    /// <summary>Votes an answer helpful or not as <paramref name="voter"/>, one vote per voter, as <see cref="VoteQuestionAsync(long, VoteDirection, string, CancellationToken)"/>.</summary>
    /// <exception cref="QaApiException">404 when the answer does not exist; 400 for a voter the edge refuses.</exception>
    public virtual Task VoteAnswerAsync(long answerId, VoteDirection direction, string voter, CancellationToken cancellationToken = default) =>
        VoteAsync(QaRoutes.AnswerVotes(Positive(answerId)), direction, Voter(voter), cancellationToken);

    /// <summary>Reports a question: it disappears from every read. Reporting twice is harmless.</summary>
    /// <exception cref="QaApiException">404 when the question does not exist.</exception>
    public virtual Task ReportQuestionAsync(long questionId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, QaRoutes.QuestionReport(Positive(questionId)), EmptyJson(), cancellationToken);

    /// <summary>Reports an answer: it disappears from every read. Reporting twice is harmless.</summary>
    /// <exception cref="QaApiException">404 when the answer does not exist.</exception>
    public virtual Task ReportAnswerAsync(long answerId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, QaRoutes.AnswerReport(Positive(answerId)), EmptyJson(), cancellationToken);

    // A report's body is optional, but like every write it is sent as JSON (the edge refuses other writes with 415).
    private static StringContent EmptyJson() => new("{}", System.Text.Encoding.UTF8, "application/json");

    private static string Voter(string voter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voter);
        return voter;
    }

    private Task VoteAsync(string path, VoteDirection direction, string? voter, CancellationToken cancellationToken)
    {
        var vote = new Vote(direction == VoteDirection.Down ? "down" : "up", voter);
        return SendAsync(HttpMethod.Post, path, JsonContent.Create(vote, QaWireFormat.Json.Vote), cancellationToken);
    }

    private async Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> json, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(_accept);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, json, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TCreated> CreateAsync<TBody, TCreated>(string path, TBody body, JsonTypeInfo<TBody> bodyJson, JsonTypeInfo<TCreated> createdJson,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, bodyJson) };
        request.Headers.Accept.Add(_accept);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, createdJson, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> json, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType == QaWireFormat.MessagePackMediaType)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await MessagePackSerializer.DeserializeAsync<T>(stream, QaWireFormat.MessagePack, cancellationToken).ConfigureAwait(false);
            }
        }

        return await response.Content.ReadFromJsonAsync(json, cancellationToken).ConfigureAwait(false)
            ?? throw new QaApiException(response.StatusCode, "Empty response", "The edge answered without a body.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? title = null, detail = null;
        Dictionary<string, IReadOnlyList<string>>? errors = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                errors = e.EnumerateObject().ToDictionary(
                    f => f.Name,
                    f => (IReadOnlyList<string>)f.Value.EnumerateArray().Select(m => m.GetString() ?? string.Empty).ToArray(),
                    StringComparer.Ordinal);
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's error page, say): the status says it all.
        }

        throw new QaApiException(response.StatusCode, title ?? response.ReasonPhrase, detail, errors);
    }

    private static long Positive(long id, [CallerArgumentExpression(nameof(id))] string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id, name);
        return id;
    }

    private static void Page(int page, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxPageSize);
    }
}
