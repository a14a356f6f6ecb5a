using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>One report of a queued item, as moderators see it (the reporter stays private).</summary>
/// <param name="Reason"><c>spam</c>, <c>offensive</c>, <c>off-topic</c> or <c>other</c>.</param>
/// <param name="At">When it was reported (UTC).</param>
[MessagePackObject]
public sealed record ItemReport(
    [property: Key("reason")] string Reason,
    [property: Key("at")] DateTime At);
