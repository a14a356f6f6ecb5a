using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.Core.Writes;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary><c>/api/v1/answers/{answerId}</c>: voting and reporting.</summary>
internal static class AnswerEndpoints
{
    public static IEndpointRouteBuilder MapAnswerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/answers/{answerId}");
        group.MapPost("/votes", VoteAsync);
        group.MapPost("/report", ReportAsync);
        return routes;
    }

    private static Task<IResult> VoteAsync(string answerId, HttpRequest request, QaWriter writer, CancellationToken cancellationToken) =>
        VoteEndpoint.HandleAsync(answerId, "answerId", "Answer", request, writer.VoteAnswerAsync, cancellationToken);

    private static async Task<IResult> ReportAsync(string answerId, QaWriter writer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var id = QueryValidator.Id(answerId, "answerId", errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await writer.ReportAnswerAsync(id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound($"Answer {id} does not exist.");
    }
}
