using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>One <c>QA</c> entry of a legacy document.</summary>
internal sealed record LegacyEntry([property: JsonPropertyName("_id")] JsonElement Id, string? Qstn, string? Ans, string? Author, int? Votes, JsonElement Date);
