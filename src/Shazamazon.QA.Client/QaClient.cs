using System.Net.Http.Json;
using System.Runtime.CompilerServices;
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
    private readonly EdgeHttp _http = null!;

    /// <summary>Creates a client over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the edge.</summary>
    /// <param name="httpClient">The HTTP client; its base address must be set.</param>
    /// <param name="encoding">The encoding to ask for; MessagePack by default.</param>
    public QaClient(HttpClient httpClient, QaWireEncoding encoding = QaWireEncoding.MessagePack)
    {
        _http = new EdgeHttp(httpClient, encoding);
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
        return _http.GetAsync(QaRoutes.QuestionPage(productId, page, count, sort), QaWireFormat.Json.ProductQuestionsPage, cancellationToken);
    }

    /// <summary>
    /// One page of a product's questions, only those with (<paramref name="answered"/> true) or without (false) an
    /// approved answer; <see cref="ProductQuestionsPage.TotalQuestions"/> then counts that set.
    /// </summary>
    /// <returns>The page, or null when the product does not exist.</returns>
    public virtual Task<ProductQuestionsPage?> GetQuestionsAsync(long productId, int page, int count, QuestionSort sort, bool? answered,
        CancellationToken cancellationToken = default)
    {
        Positive(productId);
        Page(page, count);
        return _http.GetAsync(QaRoutes.QuestionPage(productId, page, count, sort, answered), QaWireFormat.Json.ProductQuestionsPage, cancellationToken);
    }

    /// <summary>
    /// The page after a page whose <see cref="ProductQuestionsPage.NextCursor"/> is <paramref name="cursor"/>, with the
    /// same sort and filter: the list as it was when the walk began, however votes reorder it meanwhile.
    /// </summary>
    /// <returns>The page, or null when the product does not exist.</returns>
    /// <exception cref="QaApiException">400 naming <c>cursor</c> for a cursor of another sort or filter.</exception>
    public virtual Task<ProductQuestionsPage?> GetNextQuestionsAsync(long productId, string cursor, int count = 5, QuestionSort sort = QuestionSort.Helpful,
        bool? answered = null, CancellationToken cancellationToken = default)
    {
        Positive(productId);
        ArgumentException.ThrowIfNullOrWhiteSpace(cursor);
        Page(1, count);
        return _http.GetAsync(QaRoutes.QuestionPageAfter(productId, cursor, count, sort, answered), QaWireFormat.Json.ProductQuestionsPage, cancellationToken);
    }

    /// <summary>Every question of a product, page by page by cursor, as they are enumerated: each once, however votes reorder the list meanwhile.</summary>
    /// <returns>The questions; none when the product does not exist.</returns>
    public virtual IAsyncEnumerable<Question> GetAllQuestionsAsync(long productId, QuestionSort sort = QuestionSort.Helpful,
        CancellationToken cancellationToken = default) =>
        GetAllQuestionsAsync(productId, sort, answered: null, cancellationToken);

    /// <summary>Every question of a product with (<paramref name="answered"/> true) or without (false) an approved answer, as <see cref="GetAllQuestionsAsync(long, QuestionSort, CancellationToken)"/>.</summary>
    /// <returns>The questions; none when the product does not exist.</returns>
    public virtual async IAsyncEnumerable<Question> GetAllQuestionsAsync(long productId, QuestionSort sort, bool? answered,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = await GetQuestionsAsync(productId, 1, MaxPageSize, sort, answered, cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var question in page.Questions)
            {
                yield return question;
            }

            page = page.NextCursor is { } next
                ? await GetNextQuestionsAsync(productId, next, MaxPageSize, sort, answered, cancellationToken).ConfigureAwait(false)
                : null;
        }
    }

    /// <summary>One page of a question's answers, most helpful first.</summary>
    /// <returns>The page, or null when the question does not exist (or was reported).</returns>
    public virtual Task<QuestionAnswersPage?> GetAnswersAsync(long questionId, int page = 1, int count = 5, CancellationToken cancellationToken = default)
    {
        Positive(questionId);
        Page(page, count);
        return _http.GetAsync(QaRoutes.AnswerPage(questionId, page, count), QaWireFormat.Json.QuestionAnswersPage, cancellationToken);
    }

    /// <summary>How many questions a product has.</summary>
    /// <returns>The count, or null when the product does not exist.</returns>
    public virtual async Task<int?> GetQuestionCountAsync(long productId, CancellationToken cancellationToken = default)
    {
        Positive(productId);
        var count = await _http.GetAsync(QaRoutes.QuestionCount(productId), QaWireFormat.Json.ProductQuestionCount, cancellationToken).ConfigureAwait(false);
        return count?.TotalQuestions;
    }

    /// <summary>A product's figures: questions, answered questions, answers, and when the latest of each came.</summary>
    /// <returns>The figures, or null when the product does not exist.</returns>
    public virtual Task<ProductQuestionStats?> GetQuestionStatsAsync(long productId, CancellationToken cancellationToken = default) =>
        _http.GetAsync(QaRoutes.QuestionStats(Positive(productId)), QaWireFormat.Json.ProductQuestionStats, cancellationToken);

    /// <summary>A product's questions whose text or answers match the words of <paramref name="query"/>, best first.</summary>
    /// <returns>The results, or null when the product does not exist.</returns>
    public virtual Task<QuestionSearchResults?> SearchQuestionsAsync(long productId, string query, int count = 10, CancellationToken cancellationToken = default)
    {
        Positive(productId);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Length, 150);
        Page(1, count);
        return _http.GetAsync(QaRoutes.Search(productId, query, count), QaWireFormat.Json.QuestionSearchResults, cancellationToken);
    }

    /// <summary>Asks a question about a product.</summary>
    /// <returns>The created question.</returns>
    /// <exception cref="QaApiException">400 with the invalid fields, or 404 when the product does not exist.</exception>
    public virtual Task<Question> AskQuestionAsync(long productId, NewQuestion question, CancellationToken cancellationToken = default)
    {
        Positive(productId);
        ArgumentNullException.ThrowIfNull(question);
        return _http.CreateAsync(QaRoutes.Questions(productId), question, QaWireFormat.Json.NewQuestion, QaWireFormat.Json.Question, cancellationToken);
    }

    /// <summary>Answers a question.</summary>
    /// <returns>The created answer.</returns>
    /// <exception cref="QaApiException">400 with the invalid fields, or 404 when the question does not exist.</exception>
    public virtual Task<Answer> AnswerQuestionAsync(long questionId, NewAnswer answer, CancellationToken cancellationToken = default)
    {
        Positive(questionId);
        ArgumentNullException.ThrowIfNull(answer);
        return _http.CreateAsync(QaRoutes.Answers(questionId), answer, QaWireFormat.Json.NewAnswer, QaWireFormat.Json.Answer, cancellationToken);
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

    /// <summary>
    /// Reports a question as a reporter the edge makes up for this one call: it is hidden at once (pending) and queued
    /// for moderators.
    /// </summary>
    /// <exception cref="QaApiException">404 when the question does not exist.</exception>
    public virtual Task ReportQuestionAsync(long questionId, CancellationToken cancellationToken = default) =>
        ReportAsync(QaRoutes.QuestionReport(Positive(questionId)), new Report(), cancellationToken);

    /// <summary>
    /// Reports a question with a reason and, in <see cref="Report.Reporter"/>, your user's id: it is hidden at once
    /// (pending) and queued for moderators with its reports. One report per reporter counts; a repeat changes nothing.
    /// </summary>
    /// <exception cref="QaApiException">404 when the question does not exist; 400 naming a reason or reporter the edge refuses.</exception>
    public virtual Task ReportQuestionAsync(long questionId, Report report, CancellationToken cancellationToken = default) =>
        ReportAsync(QaRoutes.QuestionReport(Positive(questionId)), report, cancellationToken);

    /// <summary>Reports an answer as a reporter the edge makes up for this one call, as <see cref="ReportQuestionAsync(long, CancellationToken)"/>.</summary>
    /// <exception cref="QaApiException">404 when the answer does not exist.</exception>
    public virtual Task ReportAnswerAsync(long answerId, CancellationToken cancellationToken = default) =>
        ReportAsync(QaRoutes.AnswerReport(Positive(answerId)), new Report(), cancellationToken);

    /// <summary>Reports an answer with a reason and a reporter, as <see cref="ReportQuestionAsync(long, Report, CancellationToken)"/>.</summary>
    /// <exception cref="QaApiException">404 when the answer does not exist; 400 naming a reason or reporter the edge refuses.</exception>
    public virtual Task ReportAnswerAsync(long answerId, Report report, CancellationToken cancellationToken = default) =>
        ReportAsync(QaRoutes.AnswerReport(Positive(answerId)), report, cancellationToken);

    private Task ReportAsync(string path, Report report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return _http.SendAsync(HttpMethod.Post, path, JsonContent.Create(report, QaWireFormat.Json.Report), cancellationToken);
    }

    private static string Voter(string voter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voter);
        return voter;
    }

    private Task VoteAsync(string path, VoteDirection direction, string? voter, CancellationToken cancellationToken)
    {
        var vote = new Vote(direction == VoteDirection.Down ? "down" : "up", voter);
        return _http.SendAsync(HttpMethod.Post, path, JsonContent.Create(vote, QaWireFormat.Json.Vote), cancellationToken);
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
