using Shazamazon.QA.Core.Writes;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary><c>/api/v1/answers/{answerId}</c>: voting and reporting.</summary>
internal static class AnswerEndpoints
{
    public static IEndpointRouteBuilder MapAnswerEndpoints(this IEndpointRouteBuilder routes, bool writes)
    {
        var group = routes.MapGroup("/api/v1/answers/{answerId}");
        if (writes)
        {
            var write = group.MapWrites();
            write.MapPost("/votes", VoteAsync);
            write.MapPost("/report", ReportAsync);
        }

        return routes;
    }

    private static Task<IResult> VoteAsync(string answerId, HttpRequest request, IQaWriter writer, CancellationToken cancellationToken) =>
        WriteEndpoint.VoteAsync(answerId, "answerId", "Answer", request, writer.VoteAnswerAsync, cancellationToken);

    private static Task<IResult> ReportAsync(string answerId, HttpContext context, IQaWriter writer, CancellationToken cancellationToken) =>
        WriteEndpoint.ActAsync(answerId, "answerId", "Answer", context, writer.ReportAnswerAsync, cancellationToken);
}
