using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>The body of the vote routes: <c>{ "direction": "up" | "down" }</c>.</summary>
/// <param name="Direction"><c>up</c> or <c>down</c>.</param>
[MessagePackObject]
public sealed record Vote([property: Key("direction")] string? Direction);
