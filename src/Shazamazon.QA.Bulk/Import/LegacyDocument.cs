using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>One legacy document as read (every field optional here, so that a missing one is a clear reject, not a parse error).</summary>
internal sealed record LegacyDocument(long? ProductId, string? ItemName, string? Category, IReadOnlyList<LegacyEntry>? QA);
