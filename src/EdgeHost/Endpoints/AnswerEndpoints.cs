using Shazamazon.QA.Contracts;
using Shazamazon.QA.EdgeHost.ApiDocument;
using Shazamazon.QA.Core.Writes;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary><c>/api/v1/answers/{answerId}</c>: voting and reporting.</summary>
internal static class AnswerEndpoints
{
    public static IEndpointRouteBuilder MapAnswerEndpoints(this IEndpointRouteBuilder routes, bool writes)
    {
        var group = routes.MapGroup("/api/v1/answers/{answerId}").WithTags("Answers");
        if (writes)
        {
            var write = group.MapWrites();
            write.MapPost("/votes", VoteAsync).Writes<Vote>("Vote the answer helpful (up) or not (down).");
            write.MapPost("/report", ReportAsync).Writes<Report>("Report the answer: it is hidden at once (pending) and queued for moderators. A repeated report changes nothing.");
        }

        return routes;
    }

    private static Task<IResult> VoteAsync(string answerId, HttpRequest request, IQaWriter writer, CancellationToken cancellationToken) =>
        WriteEndpoint.VoteAsync(answerId, "answerId", "Answer", request, writer.VoteAnswerAsync, cancellationToken);

    private static Task<IResult> ReportAsync(string answerId, HttpContext context, IQaWriter writer, CancellationToken cancellationToken) =>
        WriteEndpoint.ReportAsync(answerId, "answerId", "Answer", context, writer.ReportAnswerAsync, cancellationToken);
}
