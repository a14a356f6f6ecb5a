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
    public CachedResponse Render<T>(Versioned<T> read, JsonTypeInfo<T> jsonType)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(read.Value, jsonType);
        var messagePack = MessagePackSerializer.Serialize(read.Value, QaWireFormat.MessagePack);
        var eTag = $"W/\"{XxHash3.HashToUInt64(messagePack):x16}\"";
        var renderedAt = (clock.GetUtcNow() - read.Age).ToUnixTimeMilliseconds(); // an origin's answer keeps its age
        return new CachedResponse(200, read.ProductId, read.Version, renderedAt, eTag, json, messagePack, CacheOutcome.Miss);
    }

    public CachedResponse NotFound(string detail)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            Title = "Not Found",
            Status = 404,
            Detail = detail,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(problem, ProblemJsonContext.Default.ProblemDetails);
        var eTag = $"W/\"{XxHash3.HashToUInt64(json):x16}\"";
        return new CachedResponse(404, 0, 0, clock.GetUtcNow().ToUnixTimeMilliseconds(), eTag, json, ReadOnlyMemory<byte>.Empty, CacheOutcome.Miss);
    }
}
