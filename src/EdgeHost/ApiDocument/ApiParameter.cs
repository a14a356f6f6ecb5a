using Microsoft.OpenApi;
using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost.ApiDocument;

/// <summary>
/// A parameter a handler reads itself (so that a bad value is a problem naming it, not the framework's binding error),
/// described for the OpenAPI document as endpoint metadata (<see cref="ApiResponses.Reads{T}"/>), with the bounds the
/// validators enforce.
/// </summary>
internal sealed record ApiParameter(string Name, ParameterLocation In, string Description, Func<OpenApiSchema> Schema)
{
    public static ApiParameter Page { get; } = new("page", ParameterLocation.Query, "The page, from 1.",
        () => Integer(1, QueryValidator.MaxPage, 1));

    public static ApiParameter Count { get; } = new("count", ParameterLocation.Query, "Items per page.",
        () => Integer(1, QueryValidator.MaxCount, 5));

    public static ApiParameter SearchCount { get; } = new("count", ParameterLocation.Query, "The most questions to return.",
        () => Integer(1, QueryValidator.MaxCount, QueryValidator.DefaultSearchCount));

    public static ApiParameter Sort { get; } = new("sort", ParameterLocation.Query,
        "helpful (most helpful first), newest, mostAnswered (most approved answers first) or recentlyAnswered (latest answer first, unanswered last); ties: newest id first.",
        () => new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["helpful", "newest", "mostAnswered", "recentlyAnswered"], Default = "helpful" });

    public static ApiParameter Answered { get; } = new("answered", ParameterLocation.Query,
        "true: only questions with an approved answer; false: only those without; left out: all (totalQuestions counts the filtered set).",
        () => new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["true", "false"] });

    public static ApiParameter PageCursor { get; } = new("cursor", ParameterLocation.Query,
        "A page's nextCursor (same sort and answered), instead of page: the next page of the list as it was when the walk began.",
        () => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = CursorPattern });

    public static ApiParameter SearchText { get; } = new("q", ParameterLocation.Query,
        "Search words (websearch syntax: \"phrases\", -excluded); case, runs of spaces and sentence punctuation do not matter.",
        () => new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = QueryValidator.MaxSearchLength });

    public static ApiParameter ModerationKind { get; } = new("kind", ParameterLocation.Query, "The queue: question (the default) or answer.",
        () => new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["question", "answer"], Default = "question" });

    public static ApiParameter ModerationLimit { get; } = new("limit", ParameterLocation.Query, "Items per page.",
        () => Integer(1, QueryValidator.MaxCount, QueryValidator.DefaultModerationLimit));

    public static ApiParameter Cursor { get; } = new("cursor", ParameterLocation.Query, "The nextCursor of the previous page (same kind); left out for the first page.",
        () => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = CursorPattern });

    private const string CursorPattern = "^[A-Za-z0-9_-]{40}$";

    public static ApiParameter LegacyId { get; } = new("id", ParameterLocation.Query, "The product id.", () => Id());

    public static ApiParameter MinVersion { get; } = new(QaHeaders.MinVersion, ParameterLocation.Header,
        "A write's X-Qa-Version (several joined by |): the answer is never older than it. Browsers send the qa_consistency cookie instead.",
        () => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]+:[0-9]+(\\|[0-9]+:[0-9]+)*$" });

    /// <summary>A positive 64-bit id: the schema of every id in a path.</summary>
    public static OpenApiSchema Id() => new() { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" };

    public OpenApiParameter ToParameter() => new()
    {
        Name = Name,
        In = In,
        Description = Description,
        Required = In == ParameterLocation.Query && Name == "q",
        Schema = Schema(),
    };

    private static OpenApiSchema Integer(int minimum, int maximum, int byDefault) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Default = byDefault,
    };
}
