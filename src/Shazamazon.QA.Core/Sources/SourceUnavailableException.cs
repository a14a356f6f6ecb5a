using System.Net.Sockets;
using Npgsql;

namespace Shazamazon.QA.Core.Sources;

/// <summary>A source (PostgreSQL or the origin) could not answer: unreachable, failing, too slow, skipped, or this node too busy.</summary>
public sealed class SourceUnavailableException : Exception
{
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
        : base(message, innerException)
    {
    }

    /// <summary>The source's name (<see cref="IQaSource.Name"/>): <c>database</c>, <c>origin</c>.</summary>
    public string SourceName { get; init; } = "source";

    /// <summary>Why it could not answer.</summary>
    public SourceFailure Failure { get; init; }

    /// <summary>True for the failures that mean "the source cannot answer now", as opposed to bugs.</summary>
    public static bool IsSourceFailure(Exception exception) =>
        exception is SourceUnavailableException or NpgsqlException or SocketException or TimeoutException or HttpRequestException;
}
