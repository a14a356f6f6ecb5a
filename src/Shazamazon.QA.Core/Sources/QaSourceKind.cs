using Microsoft.Extensions.Configuration;

namespace Shazamazon.QA.Core.Sources;

/// <summary>Where this node fills cache misses from: configuration key <c>Qa:Source</c>.</summary>
public enum QaSourceKind
{
    /// <summary>PostgreSQL, through Core (the default). The node also serves writes.</summary>
    Database,

    /// <summary>The YARP cluster named <c>origin</c>; the node has no database and forwards writes.</summary>
    Origin,
}

/// <summary>Reads <c>Qa:Source</c>.</summary>
public static class QaSourceConfiguration
{
    /// <summary>The configuration key.</summary>
    public const string Key = "Qa:Source";

    /// <summary>The configured source; <see cref="QaSourceKind.Database"/> when the key is absent.</summary>
    /// <exception cref="InvalidOperationException">The key holds anything else.</exception>
    public static QaSourceKind Get(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[Key] switch
        {
            null or "" or "Database" => QaSourceKind.Database,
            "Origin" => QaSourceKind.Origin,
            var other => throw new InvalidOperationException($"{Key} is '{other}'; set it to 'Database' (read PostgreSQL) or 'Origin' (forward to the ReverseProxy cluster 'origin')."),
        };
    }
}
