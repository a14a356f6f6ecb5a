using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MessagePack;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Client;

/// <summary>
/// The HTTP conventions every client of the edge shares: the encoding asked for, a header sent with every request (the
/// moderator's key), problem details turned into <see cref="QaApiException"/>, and MessagePack or JSON bodies read.
/// </summary>
internal sealed class EdgeHttp
{
    private readonly HttpClient _http;
    private readonly MediaTypeWithQualityHeaderValue _accept;
    private readonly (string Name, string Value)? _header;

    public EdgeHttp(HttpClient httpClient, QaWireEncoding encoding, (string Name, string Value)? header = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the edge, e.g. http://qa-edge:5080/.", nameof(httpClient));
        }

        _http = httpClient;
        _accept = new MediaTypeWithQualityHeaderValue(encoding == QaWireEncoding.MessagePack ? QaWireFormat.MessagePackMediaType : QaWireFormat.JsonMediaType);
        _header = header;
    }

    /// <summary>A read; null on 404 when <paramref name="notFoundIsNull"/>, else a <see cref="QaApiException"/>.</summary>
    public async Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> json, CancellationToken cancellationToken, bool notFoundIsNull = true)
        where T : class
    {
        using var request = Request(HttpMethod.Get, path, content: null);
        request.Headers.Accept.Add(_accept);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, json, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TCreated> CreateAsync<TBody, TCreated>(string path, TBody body, JsonTypeInfo<TBody> bodyJson, JsonTypeInfo<TCreated> createdJson,
        CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, path, JsonContent.Create(body, bodyJson));
        request.Headers.Accept.Add(_accept);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, createdJson, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = Request(method, path, content);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (_header is var (name, value))
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> json, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType == QaWireFormat.MessagePackMediaType)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await MessagePackSerializer.DeserializeAsync<T>(stream, QaWireFormat.MessagePack, cancellationToken).ConfigureAwait(false);
            }
        }

        return await response.Content.ReadFromJsonAsync(json, cancellationToken).ConfigureAwait(false)
            ?? throw new QaApiException(response.StatusCode, "Empty response", "The edge answered without a body.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? title = null, detail = null;
        Dictionary<string, IReadOnlyList<string>>? errors = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                errors = e.EnumerateObject().ToDictionary(
                    f => f.Name,
                    f => (IReadOnlyList<string>)f.Value.EnumerateArray().Select(m => m.GetString() ?? string.Empty).ToArray(),
                    StringComparer.Ordinal);
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's error page, say): the status says it all.
        }

        throw new QaApiException(response.StatusCode, title ?? response.ReasonPhrase, detail, errors);
    }
}
