using System.Globalization;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.EdgeHost.ApiDocument;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.Core.Writes;
using Shazamazon.QA.EdgeHost.Http;
using Shazamazon.QA.EdgeHost.Protection;
using Shazamazon.QA.EdgeHost.Browsers;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary><c>/api/v1/questions/{questionId}</c>: answer pages (cached), answering, voting and reporting.</summary>
internal static class QuestionEndpoints
{
    public static IEndpointRouteBuilder MapQuestionEndpoints(this IEndpointRouteBuilder routes, bool writes)
    {
        var group = routes.MapGroup("/api/v1/questions/{questionId}").RequireCors(CorsSetup.Reads).WithTags("Answers");
        group.MapGet("/answers", GetAnswersAsync).Reads<QuestionAnswersPage>("A page of a question's answers, most helpful first.",
            ApiParameter.Page, ApiParameter.Count);
        if (writes)
        {
            var write = group.MapWrites();
            write.MapPost("/answers", AnswerAsync).Creates<NewAnswer, Answer>("Answer the question.");
            write.MapPost("/votes", VoteAsync).Writes<Vote>("Vote the question helpful (up) or not (down).");
            write.MapPost("/report", ReportAsync).Writes<Report>("Report the question: it is hidden at once (pending) and queued for moderators. A repeated report changes nothing.");
        }

        return routes;
    }

    private static Task GetAnswersAsync(string questionId, HttpContext context, IQaReader reader, MissBudget budget)
    {
        var errors = new FieldErrors();
        var request = context.Request;
        var query = QueryValidator.AnswerPage(questionId, request.Query["page"], request.Query["count"], errors);
        var options = budget.For(context, ConsistencyTokens.Read(request, errors));
        return query is { } q && errors.IsEmpty
            ? CachedReadResponse.WriteAsync(context, reader.AnswerPageAsync(q, options, context.RequestAborted), budget)
            : Problems.Invalid(errors).ExecuteAsync(context);
    }

    private static Task<IResult> AnswerAsync(string questionId, HttpRequest request, IQaWriter writer, CancellationToken cancellationToken) =>
        WriteEndpoint.CreateAsync(questionId, "questionId", "Question", request, QaWireFormat.Json.NewAnswer, WriteValidator.Validate,
            writer.AddAnswerAsync, QaWireFormat.Json.Answer,
            static (id, _) => string.Create(CultureInfo.InvariantCulture, $"/api/v1/questions/{id}/answers"), cancellationToken);

    private static Task<IResult> VoteAsync(string questionId, HttpRequest request, IQaWriter writer, CancellationToken cancellationToken) =>
        WriteEndpoint.VoteAsync(questionId, "questionId", "Question", request, writer.VoteQuestionAsync, cancellationToken);

    private static Task<IResult> ReportAsync(string questionId, HttpContext context, IQaWriter writer, CancellationToken cancellationToken) =>
        WriteEndpoint.ReportAsync(questionId, "questionId", "Question", context, writer.ReportQuestionAsync, cancellationToken);
}
