using System.IO.Hashing;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MessagePack;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Caching;

/// <summary>Renders a read's result once into a <see cref="CachedResponse"/>: JSON, MessagePack and an ETag.</summary>
internal sealed class ResponseRenderer(TimeProvider clock)
{
    /// <summary>Renders <paramref name="read"/>; <paramref name="isEmpty"/> when it lists nothing (see <see cref="CachedResponse.IsNegative"/>).</summary>
    public CachedResponse Render<T>(Versioned<T> read, JsonTypeInfo<T> jsonType, bool isEmpty = false)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(read.Value, jsonType);
        var messagePack = MessagePackSerializer.Serialize(read.Value, QaWireFormat.MessagePack);
        var eTag = $"W/\"{XxHash3.HashToUInt64(messagePack):x16}\"";
        var renderedAt = (clock.GetUtcNow() - read.Age).ToUnixTimeMilliseconds(); // an origin's answer keeps its age
        return new CachedResponse(200, read.ProductId, read.Version, renderedAt, eTag, json, messagePack, CacheOutcome.Miss, isEmpty);
    }

    public CachedResponse NotFound(string detail) => Problem(404, "Not Found", detail);

    /// <summary>A problem-details answer (RFC 9457) with <paramref name="status"/>, rendered once.</summary>
    public CachedResponse Problem(int status, string title, string detail)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Type = status == 404 ? "https://tools.ietf.org/html/rfc9110#section-15.5.5" : "https://tools.ietf.org/html/rfc6585#section-4",
            Title = title,
            Status = status,
            Detail = detail,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(problem, ProblemJsonContext.Default.ProblemDetails);
        var eTag = $"W/\"{XxHash3.HashToUInt64(json):x16}\"";
        return new CachedResponse(status, 0, 0, clock.GetUtcNow().ToUnixTimeMilliseconds(), eTag, json, ReadOnlyMemory<byte>.Empty, CacheOutcome.Miss);
    }
}
