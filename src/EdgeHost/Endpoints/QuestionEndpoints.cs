using System.Globalization;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.Core.Writes;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary><c>/api/v1/questions/{questionId}</c>: answer pages (cached), answering, voting and reporting.</summary>
internal static class QuestionEndpoints
{
    public static IEndpointRouteBuilder MapQuestionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/questions/{questionId}");
        group.MapGet("/answers", GetAnswersAsync);
        group.MapPost("/answers", AnswerAsync);
        group.MapPost("/votes", VoteAsync);
        group.MapPost("/report", ReportAsync);
        return routes;
    }

    private static async Task<IResult> GetAnswersAsync(string questionId, HttpRequest request, QaReader reader, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var query = QueryValidator.AnswerPage(questionId, request.Query["page"], request.Query["count"], errors);
        return query is { } q ? new CachedReadResult(await reader.AnswerPageAsync(q, cancellationToken)) : Problems.Invalid(errors);
    }

    private static async Task<IResult> AnswerAsync(string questionId, HttpRequest request, QaWriter writer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var id = QueryValidator.Id(questionId, "questionId", errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (body, error) = await JsonBody.ReadAsync(request, QaWireFormat.Json.NewAnswer);
        if (error is not null)
        {
            return error;
        }

        WriteValidator.Validate(body!, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var created = await writer.AddAnswerAsync(id, body!, cancellationToken);
        return created is null
            ? Problems.NotFound($"Question {id} does not exist.")
            : new WireResult<Answer>(created, QaWireFormat.Json.Answer, StatusCodes.Status201Created,
                string.Create(CultureInfo.InvariantCulture, $"/api/v1/questions/{id}/answers"));
    }

    private static Task<IResult> VoteAsync(string questionId, HttpRequest request, QaWriter writer, CancellationToken cancellationToken) =>
        VoteEndpoint.HandleAsync(questionId, "questionId", "Question", request, writer.VoteQuestionAsync, cancellationToken);

    private static async Task<IResult> ReportAsync(string questionId, QaWriter writer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var id = QueryValidator.Id(questionId, "questionId", errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await writer.ReportQuestionAsync(id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound($"Question {id} does not exist.");
    }
}
