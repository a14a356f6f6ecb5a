using Microsoft.Extensions.Options;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.EdgeHost.ApiDocument;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.Core.Writes;
using Shazamazon.QA.EdgeHost.Http;
using Shazamazon.QA.EdgeHost.Protection;
using Shazamazon.QA.EdgeHost.Browsers;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary>The routes the existing Q&amp;A widget calls: <c>GET /item?id=</c> (cached) and <c>PUT /updateVote</c>.</summary>
internal static class LegacyEndpoints
{
    public static IEndpointRouteBuilder MapLegacyEndpoints(this IEndpointRouteBuilder routes, bool writes)
    {
        routes.MapGet("/item", GetItemAsync).RequireCors(CorsSetup.Legacy)
            .WithTags("Legacy")
            .Reads<LegacyItem>("The original widget's shape: a product and its most helpful questions.", ApiParameter.LegacyId);
        if (writes)
        {
            var write = routes.MapWrites();
            write.MapPut("/updateVote", UpdateVoteAsync).RequireCors(CorsSetup.Legacy) // after the group's: the original's openness
                .WithTags("Legacy")
                .Updates<LegacyVoteUpdate>("The original widget's vote: sets a question's helpful count (ids as numbers or numeric strings); 403 when Qa:Legacy:AllowVoteSet is off.")
                .ProducesProblem(StatusCodes.Status403Forbidden);
        }

        return routes;
    }

    private static Task GetItemAsync(HttpContext context, IQaReader reader, MissBudget budget)
    {
        var errors = new FieldErrors();
        var id = QueryValidator.Id(context.Request.Query["id"], "id", errors);
        var options = budget.For(context, ConsistencyTokens.Read(context.Request, errors));
        return errors.IsEmpty
            ? CachedReadResponse.WriteAsync(context, reader.LegacyItemAsync(id, options, context.RequestAborted), budget)
            : Problems.Invalid(errors).ExecuteAsync(context);
    }

    private static async Task<IResult> UpdateVoteAsync(HttpRequest request, IQaWriter writer, IOptionsMonitor<LegacyOptions> options, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.AllowVoteSet)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "Setting vote counts is turned off here (Qa:Legacy:AllowVoteSet); vote through /api/v1/questions/{questionId}/votes.");
        }

        var (body, error) = await JsonBody.ReadAsync(request, QaWireFormat.Json.LegacyVoteUpdate);
        if (error is not null)
        {
            return error;
        }

        var errors = new FieldErrors();
        WriteValidator.Validate(body!, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (productId, questionId, votes) = (body!.ProductId!.Value, body.QuestionId!.Value, body.Votes!.Value);
        return WriteEndpoint.Changed(request.HttpContext, await writer.SetQuestionVotesAsync(productId, questionId, votes, cancellationToken),
            new WireResult<LegacyVoteUpdate>(body, QaWireFormat.Json.LegacyVoteUpdate, StatusCodes.Status200OK),
            $"Question {questionId} of product {productId} does not exist.");
    }
}
