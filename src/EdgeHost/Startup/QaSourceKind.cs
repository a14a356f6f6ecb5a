namespace Shazamazon.QA.EdgeHost.Startup;

/// <summary>Where this node fills cache misses from: configuration key <c>Qa:Source</c>.</summary>
public enum QaSourceKind
{
    /// <summary>PostgreSQL (the default). The node also serves writes.</summary>
    Database,

    /// <summary>The YARP cluster named <c>origin</c>; the node has no database and forwards writes.</summary>
    Origin,
}
