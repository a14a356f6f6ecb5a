using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Shazamazon.QA.Core.Caching;

/// <summary>Source-generated JSON for the problem details of a cached 404.</summary>
[JsonSerializable(typeof(ProblemDetails))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class ProblemJsonContext : JsonSerializerContext;
