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

/// <summary><c>/api/v1/products/{productId}/questions</c>: pages, count and search (cached), and asking a question.</summary>
internal static class ProductQuestionEndpoints
{
    public static IEndpointRouteBuilder MapProductQuestionEndpoints(this IEndpointRouteBuilder routes, bool writes)
    {
        var group = routes.MapGroup("/api/v1/products/{productId}/questions").RequireCors(CorsSetup.Reads).WithTags("Questions");
        group.MapGet("", GetPageAsync).Reads<ProductQuestionsPage>("A page of a product's questions, each with its most helpful answers.",
            ApiParameter.Page, ApiParameter.Count, ApiParameter.Sort, ApiParameter.Answered, ApiParameter.PageCursor);
        group.MapGet("/count", GetCountAsync).Reads<ProductQuestionCount>("How many questions a product has.");
        group.MapGet("/stats", GetStatsAsync).Reads<ProductQuestionStats>("A product's figures: questions, answered questions, answers, and the latest of each.");
        group.MapGet("/search", SearchAsync).Reads<QuestionSearchResults>("The product's questions matching a search (in their text or their answers'), best first.",
            ApiParameter.SearchText, ApiParameter.SearchCount);
        if (writes)
        {
            var write = group.MapWrites();
            write.MapPost("", AskAsync).Creates<NewQuestion, Question>("Ask a question about the product.");
        }

        return routes;
    }

    private static Task GetPageAsync(string productId, HttpContext context, IQaReader reader, MissBudget budget)
    {
        var errors = new FieldErrors();
        var request = context.Request;
        var query = QueryValidator.QuestionPage(productId, request.Query["page"], request.Query["count"], request.Query["sort"], request.Query["answered"],
            request.Query["cursor"], errors);
        var options = budget.For(context, ConsistencyTokens.Read(request, errors));
        return query is { } q && errors.IsEmpty
            ? CachedReadResponse.WriteAsync(context, reader.QuestionPageAsync(q, options, context.RequestAborted), budget)
            : Problems.Invalid(errors).ExecuteAsync(context);
    }

    private static Task GetCountAsync(string productId, HttpContext context, IQaReader reader, MissBudget budget)
    {
        var errors = new FieldErrors();
        var id = QueryValidator.Id(productId, "productId", errors);
        var options = budget.For(context, ConsistencyTokens.Read(context.Request, errors));
        return errors.IsEmpty
            ? CachedReadResponse.WriteAsync(context, reader.QuestionCountAsync(id, options, context.RequestAborted), budget)
            : Problems.Invalid(errors).ExecuteAsync(context);
    }

    private static Task GetStatsAsync(string productId, HttpContext context, IQaReader reader, MissBudget budget)
    {
        var errors = new FieldErrors();
        var id = QueryValidator.Id(productId, "productId", errors);
        var options = budget.For(context, ConsistencyTokens.Read(context.Request, errors));
        return errors.IsEmpty
            ? CachedReadResponse.WriteAsync(context, reader.QuestionStatsAsync(id, options, context.RequestAborted), budget)
            : Problems.Invalid(errors).ExecuteAsync(context);
    }

    private static Task SearchAsync(string productId, HttpContext context, IQaReader reader, MissBudget budget)
    {
        var errors = new FieldErrors();
        var request = context.Request;
        var query = QueryValidator.Search(productId, request.Query["q"], request.Query["count"], errors);
        var options = budget.For(context, ConsistencyTokens.Read(request, errors));
        return query is { } q && errors.IsEmpty
            ? CachedReadResponse.WriteAsync(context, reader.SearchAsync(q, options, context.RequestAborted), budget)
            : Problems.Invalid(errors).ExecuteAsync(context);
    }

    private static Task<IResult> AskAsync(string productId, HttpRequest request, IQaWriter writer, CancellationToken cancellationToken) =>
        WriteEndpoint.CreateAsync(productId, "productId", "Product", request, QaWireFormat.Json.NewQuestion, WriteValidator.Validate,
            writer.AddQuestionAsync, QaWireFormat.Json.Question,
            static (_, created) => string.Create(CultureInfo.InvariantCulture, $"/api/v1/questions/{created.Id}/answers"), cancellationToken);
}
