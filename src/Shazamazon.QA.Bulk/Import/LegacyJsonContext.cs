using System.Text.Json.Serialization;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>Source-generated JSON for legacy documents (property names matched without regard to case).</summary>
[JsonSerializable(typeof(LegacyDocument))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
internal sealed partial class LegacyJsonContext : JsonSerializerContext;
