using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;
using MessagePack.Resolvers;

namespace Shazamazon.QA.Contracts;

/// <summary>The two encodings of the contract, configured once for the server and the client alike.</summary>
public static class QaWireFormat
{
    /// <summary>The media type of the MessagePack encoding (<c>application/x-msgpack</c>).</summary>
    public const string MessagePackMediaType = "application/x-msgpack";

    /// <summary>The media type of the JSON encoding (<c>application/json</c>).</summary>
    public const string JsonMediaType = "application/json";

    /// <summary>MessagePack options: attribute-keyed maps with camelCase names, hardened for untrusted input.</summary>
    public static MessagePackSerializerOptions MessagePack { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Source-generated JSON metadata for every wire type (web defaults: camelCase).</summary>
    public static QaJsonContext Json { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        MaxDepth = 16,
        // The contract is JSON, not JSON5: no comments, no trailing commas, no quoted numbers.
        NumberHandling = JsonNumberHandling.Strict,
    });
}
