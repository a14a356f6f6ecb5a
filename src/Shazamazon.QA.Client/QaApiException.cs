using System.Net;

namespace Shazamazon.QA.Client;

/// <summary>The edge answered with an error: its status and its problem details (RFC 9457).</summary>
public sealed class QaApiException : Exception
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Creates the exception from an error response.</summary>
    public QaApiException(HttpStatusCode statusCode, string? title, string? detail, IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null)
        : base(detail ?? title ?? $"The Q&A edge answered {(int)statusCode}.")
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        Errors = errors ?? NoErrors;
    }

    /// <summary>Creates the exception with a message.</summary>
    public QaApiException(string message)
        : this(HttpStatusCode.InternalServerError, null, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public QaApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = HttpStatusCode.InternalServerError;
        Errors = NoErrors;
    }

    /// <summary>Creates the exception.</summary>
    public QaApiException()
        : this("The Q&A edge answered with an error.")
    {
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem's title, e.g. "The request is invalid.".</summary>
    public string? Title { get; }

    /// <summary>The problem's detail: what was wrong, in a sentence.</summary>
    public string? Detail { get; }

    /// <summary>For a 400: the invalid fields (JSON names, e.g. <c>askerEmail</c>) and what is wrong with each.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }
}
