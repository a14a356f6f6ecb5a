using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>The problem-details answers of the edge (RFC 9457): every error names what was wrong, never how the server failed.</summary>
internal static class Problems
{
    public static IResult Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), detail: errors.Summary(), title: "The request is invalid.");

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    public static IResult TooLarge() =>
        TypedResults.Problem(detail: $"The request body must be at most {EdgeApp.MaxRequestBodyBytes / 1024} KiB.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large");

    public static IResult UnsupportedMediaType() =>
        TypedResults.Problem(detail: "Send the request body as application/json.",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type");
}
