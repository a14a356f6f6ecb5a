using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.ApiDocument;

/// <summary>What each kind of route answers, for the OpenAPI document: one place, so every read and every write says the same.</summary>
internal static class ApiResponses
{
    private const string Json = "application/json";

    /// <summary>A cached read: the value in JSON or MessagePack, 304 on a matching ETag, and its problems.</summary>
    public static RouteHandlerBuilder Reads<T>(this RouteHandlerBuilder route, string summary, params ApiParameter[] parameters) =>
        route.WithSummary(summary)
            .WithMetadata([.. parameters, ApiParameter.MinVersion])
            .Produces<T>(StatusCodes.Status200OK, Json, QaWireFormat.MessagePackMediaType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

    /// <summary>A write taking <typeparamref name="TBody"/> (JSON or MessagePack; anything else is 415) that answers <paramref name="success"/> without a body.</summary>
    public static RouteHandlerBuilder Writes<TBody>(this RouteHandlerBuilder route, string summary, int success = StatusCodes.Status204NoContent)
        where TBody : notnull =>
        WriteProblems(route.WithSummary(summary).Accepts<TBody>(Json, QaWireFormat.MessagePackMediaType).Produces(success));

    /// <summary>A write taking <typeparamref name="TBody"/> that answers 201 with the <typeparamref name="TCreated"/> it made and its <c>Location</c>.</summary>
    public static RouteHandlerBuilder Creates<TBody, TCreated>(this RouteHandlerBuilder route, string summary)
        where TBody : notnull =>
        WriteProblems(route.WithSummary(summary).Accepts<TBody>(Json, QaWireFormat.MessagePackMediaType)
            .Produces<TCreated>(StatusCodes.Status201Created, Json, QaWireFormat.MessagePackMediaType));

    /// <summary>A write taking <typeparamref name="TBody"/> that answers 200 with the body it applied (the legacy widget's convention).</summary>
    public static RouteHandlerBuilder Updates<TBody>(this RouteHandlerBuilder route, string summary)
        where TBody : notnull =>
        WriteProblems(route.WithSummary(summary).Accepts<TBody>(Json).Produces<TBody>(StatusCodes.Status200OK, Json));

    private static RouteHandlerBuilder WriteProblems(RouteHandlerBuilder route) =>
        route.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
