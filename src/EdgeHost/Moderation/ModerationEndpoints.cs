using Microsoft.Extensions.Options;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core;
using Shazamazon.QA.Core.Moderation;
using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.Core.Writes;
using Shazamazon.QA.EdgeHost.Admin;
using Shazamazon.QA.EdgeHost.ApiDocument;
using Shazamazon.QA.EdgeHost.Endpoints;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost.Moderation;

/// <summary>
/// <c>/api/v1/moderation</c>: the queue of pending questions and answers, and the decisions on them. The
/// <c>X-Qa-Moderator-Key</c> header must carry <c>Qa:Moderation:ModeratorKey</c> or the admin key (compared in constant
/// time), else 401, logged without the key; with neither key configured the routes do not exist (404). Rate-limited
/// and answered <c>no-store</c> like every write; a decision issues the consistency token of the product it changed.
/// </summary>
internal static partial class ModerationEndpoints
{
    public const string KeyHeader = "X-Qa-Moderator-Key";

    public static IEndpointRouteBuilder MapModerationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/moderation").WithTags("Moderation").MapWrites().AddEndpointFilter(RequireKeyAsync);
        group.MapGet("/queue", QueueAsync).WithSummary("Pending questions or answers, oldest first, with their reports.")
            .WithMetadata(ApiParameter.ModerationKind, ApiParameter.ModerationLimit, ApiParameter.Cursor)
            .Produces<ModerationQueuePage>(StatusCodes.Status200OK, "application/json", QaWireFormat.MessagePackMediaType)
            .ProducesValidationProblem();
        group.MapPost("/questions/{questionId}/approve", (string questionId, HttpContext context, IQaModerator moderator) =>
            DecideAsync(ModerationKind.Question, questionId, approve: true, context, moderator)).WithSummary("Approve a question: visible on every node.");
        group.MapPost("/questions/{questionId}/reject", (string questionId, HttpContext context, IQaModerator moderator) =>
            DecideAsync(ModerationKind.Question, questionId, approve: false, context, moderator)).WithSummary("Reject a question: hidden for good.");
        group.MapPost("/answers/{answerId}/approve", (string answerId, HttpContext context, IQaModerator moderator) =>
            DecideAsync(ModerationKind.Answer, answerId, approve: true, context, moderator)).WithSummary("Approve an answer: visible on every node.");
        group.MapPost("/answers/{answerId}/reject", (string answerId, HttpContext context, IQaModerator moderator) =>
            DecideAsync(ModerationKind.Answer, answerId, approve: false, context, moderator)).WithSummary("Reject an answer: hidden for good.");
        group.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    private static async Task<IResult> QueueAsync(HttpContext context, IQaModerator moderator)
    {
        var errors = new FieldErrors();
        var query = context.Request.Query;
        if (QueryValidator.ModerationQueue(query["kind"], query["limit"], query["cursor"], errors) is not { } valid)
        {
            return Problems.Invalid(errors);
        }

        return new WireResult<ModerationQueuePage>(await moderator.QueueAsync(valid, context.RequestAborted), QaWireFormat.Json.ModerationQueuePage,
            StatusCodes.Status200OK);
    }

    private static async Task<IResult> DecideAsync(ModerationKind kind, string rawId, bool approve, HttpContext context, IQaModerator moderator)
    {
        var field = kind == ModerationKind.Answer ? "answerId" : "questionId";
        var errors = new FieldErrors();
        var id = QueryValidator.Id(rawId, field, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var noun = kind == ModerationKind.Answer ? "Answer" : "Question";
        return WriteEndpoint.Changed(context, await moderator.DecideAsync(kind, id, approve, context.RequestAborted), TypedResults.NoContent(),
            $"{noun} {id} does not exist.");
    }

    // The moderator key or the admin key.
    private static ValueTask<object?> RequireKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        return AccessKeys.RequireAsync(context, next, KeyHeader,
            [services.GetRequiredService<IOptionsMonitor<ModerationOptions>>().CurrentValue.ModeratorKey,
                services.GetRequiredService<IOptionsMonitor<AdminOptions>>().CurrentValue.ApiKey],
            LogRejected, typeof(ModerationEndpoints), $"Send the moderator key (or the admin key) in the {KeyHeader} header.");
    }

    [LoggerMessage(LogEvents.ModeratorKeyRejected, LogLevel.Warning, "Rejected a moderation request {Method} {Path} from {Client}: missing or wrong moderator key ({HeldBack} more held back since the last such entry).")]
    private static partial void LogRejected(ILogger logger, string method, string path, string client, long heldBack);
}
