using System.Net.Sockets;
using Npgsql;

namespace Shazamazon.QA.Core.Sources;

/// <summary>The source (PostgreSQL or the origin) could not answer: unreachable, failing or too slow.</summary>
public sealed class SourceUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SourceUnavailableException(string message, Exception? innerException = null, bool timedOut = false)
        : base(message, innerException) => TimedOut = timedOut;

    /// <summary>Creates the exception.</summary>
    public SourceUnavailableException()
        : this("The source is unavailable.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public SourceUnavailableException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SourceUnavailableException(string message, Exception? innerException)
        : this(message, innerException, false)
    {
    }

    /// <summary>True when the source did not answer in time (504 rather than 502 or 503).</summary>
    public bool TimedOut { get; }

    /// <summary>True for the failures that mean "the source cannot answer now", as opposed to bugs.</summary>
    public static bool IsSourceFailure(Exception exception) =>
        exception is SourceUnavailableException or NpgsqlException or SocketException or TimeoutException or HttpRequestException;
}
