namespace Shazamazon.QA.Client;

/// <summary>The encoding the client asks the edge for.</summary>
public enum QaWireEncoding
{
    /// <summary><c>application/x-msgpack</c>: compact, and the edge sends its cached bytes unchanged (the default).</summary>
    MessagePack,

    /// <summary><c>application/json</c>.</summary>
    Json,
}
