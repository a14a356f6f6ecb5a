using System.Text.Json;
using Microsoft.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// Reads a JSON request body under the edge's limits. Only <c>application/json</c> and <c>application/*+json</c> are
/// read; any other Content-Type, or none, is a 415 (a "simple" cross-site request, which a page on another origin can
/// make a browser send without asking, never writes). Malformed JSON, invalid UTF-8, wrong types and over-deep nesting
/// become a 400 naming the field; a body over the size limit becomes a 413.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (!HasJsonContentType(request))
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

    /// <summary>True when the request says its body is JSON: <c>application/json</c> or <c>application/*+json</c>, any parameters.</summary>
    public static bool HasJsonContentType(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
        && media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
        && (media.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) || media.SubType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static IResult Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Problems.Invalid(errors);
    }
}
