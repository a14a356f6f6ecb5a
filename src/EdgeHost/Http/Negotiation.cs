using Microsoft.Net.Http.Headers;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>Chooses the encoding of a response: MessagePack when the client prefers <c>application/x-msgpack</c>, else JSON.</summary>
internal static class Negotiation
{
    public static bool WantsMessagePack(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0)
        {
            return false;
        }

        // Most clients (browsers, curl) never mention MessagePack: answer JSON without parsing their Accept header.
        var mentioned = false;
        foreach (var value in accept)
        {
            mentioned |= value?.Contains("msgpack", StringComparison.OrdinalIgnoreCase) == true;
        }

        if (!mentioned)
        {
            return false;
        }

        double messagePack = 0, json = 0;
        foreach (var value in accept)
        {
            if (!MediaTypeHeaderValue.TryParseList([value!], out var types))
            {
                continue;
            }

            foreach (var type in types)
            {
                var quality = type.Quality ?? 1.0;
                if (type.MediaType.Equals(QaWireFormat.MessagePackMediaType, StringComparison.OrdinalIgnoreCase))
                {
                    messagePack = Math.Max(messagePack, quality);
                }
                else if (type.MatchesAllTypes || type.MatchesAllSubTypes || type.MediaType.Equals(QaWireFormat.JsonMediaType, StringComparison.OrdinalIgnoreCase))
                {
                    json = Math.Max(json, quality);
                }
            }
        }

        return messagePack > 0 && messagePack >= json;
    }
}
