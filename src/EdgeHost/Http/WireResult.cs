using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MessagePack;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>Writes an uncached contract object (a write's answer) as JSON or MessagePack, as the client asked.</summary>
internal sealed class WireResult<T>(T value, JsonTypeInfo<T> type, int statusCode, string? location = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.Headers.CacheControl = "no-store";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        if (Negotiation.WantsMessagePack(httpContext.Request))
        {
            response.ContentType = QaWireFormat.MessagePackMediaType;
            await MessagePackSerializer.SerializeAsync(response.Body, value, QaWireFormat.MessagePack, httpContext.RequestAborted);
        }
        else
        {
            response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(response.Body, value, type, httpContext.RequestAborted);
        }
    }
}
