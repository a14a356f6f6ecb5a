using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// Reads a JSON request body under the edge's limits. Malformed JSON, invalid UTF-8, wrong types and over-deep nesting
/// become a 400 naming the field; a body over the size limit becomes a 413.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (request.ContentType is { } contentType && !IsJson(contentType))
        {
            return (null, Problems.UnsupportedMediaType());
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted);
            if (value is null)
            {
                return (null, Invalid("$", "The body ($) must be a JSON object."));
            }

            return (value, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge());
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            return (null, Invalid(field, $"The body is not valid JSON for this request at '{ex.Path ?? "$"}' (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."));
        }
    }

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    private static IResult Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Problems.Invalid(errors);
    }
}
