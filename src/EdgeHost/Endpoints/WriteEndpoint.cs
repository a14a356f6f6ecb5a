using System.Text.Json.Serialization.Metadata;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary>
/// The shapes every write route shares: validate the id from the route, read and validate the JSON body, write, and
/// answer 201/204 or a 404 naming the missing item. Route files only say which writer call and which names apply.
/// </summary>
internal static class WriteEndpoint
{
    /// <summary>A creating write: 201 with <c>Location</c> and the created object.</summary>
    public static async Task<IResult> CreateAsync<TBody, TCreated>(string rawId, string field, string noun, HttpRequest request,
        JsonTypeInfo<TBody> bodyType, Action<TBody, FieldErrors> validate,
        Func<long, TBody, CancellationToken, Task<Written<TCreated>?>> create, JsonTypeInfo<TCreated> createdType,
        Func<long, TCreated, string> location, CancellationToken cancellationToken)
        where TBody : class
        where TCreated : class
    {
        var errors = new FieldErrors();
        var id = QueryValidator.Id(rawId, field, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (body, error) = await JsonBody.ReadAsync(request, bodyType);
        if (error is not null)
        {
            return error;
        }

        validate(body!, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await create(id, body!, cancellationToken) is not { } written)
        {
            return Problems.NotFound($"{noun} {id} does not exist.");
        }

        ConsistencyTokens.Issue(request.HttpContext, written.Change);
        return new WireResult<TCreated>(written.Value, createdType, StatusCodes.Status201Created, location(id, written.Value));
    }

    /// <summary>A vote: <c>{ "direction": "up" | "down", "voter"? }</c> (the voter from the body, else the qa_voter cookie), then 204.</summary>
    public static async Task<IResult> VoteAsync(string rawId, string field, string noun, HttpRequest request,
        Func<long, int, string, CancellationToken, Task<ProductChange?>> vote, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var id = QueryValidator.Id(rawId, field, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (body, error) = await JsonBody.ReadAsync(request, QaWireFormat.Json.Vote);
        if (error is not null)
        {
            return error;
        }

        var step = WriteValidator.Direction(body!, errors);
        WriteValidator.Voter(body!, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var voter = Participants.Of(request.HttpContext, body!.Voter);
        return Changed(request.HttpContext, await vote(id, step, voter, cancellationToken), TypedResults.NoContent(), $"{noun} {id} does not exist.");
    }

    /// <summary>
    /// A report: <c>{ "reason"?, "reporter"? }</c> (the body may be empty; the reporter from the body, else the qa_voter
    /// cookie), then 204. It still needs a JSON Content-Type, like every write: without one a page on another origin
    /// could make its visitors' browsers send it unasked.
    /// </summary>
    public static async Task<IResult> ReportAsync(string rawId, string field, string noun, HttpContext context,
        Func<long, string, string, CancellationToken, Task<ProductChange?>> report, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!JsonBody.HasJsonContentType(request))
        {
            return Problems.UnsupportedMediaType();
        }

        var errors = new FieldErrors();
        var id = QueryValidator.Id(rawId, field, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var body = new Report();
        if (request.ContentLength is not 0)
        {
            (var read, var error) = await JsonBody.ReadAsync(request, QaWireFormat.Json.Report);
            if (error is not null)
            {
                return error;
            }

            body = read!;
        }

        var reason = WriteValidator.Validate(body, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var reporter = Participants.Of(context, body.Reporter);
        return Changed(context, await report(id, reason!, reporter, cancellationToken), TypedResults.NoContent(), $"{noun} {id} does not exist.");
    }

    /// <summary>The answer to a write that changed <paramref name="change"/>'s product, or a 404 when it found nothing.</summary>
    public static IResult Changed(HttpContext context, ProductChange? change, IResult success, string notFound)
    {
        if (change is not { } changed)
        {
            return Problems.NotFound(notFound);
        }

        ConsistencyTokens.Issue(context, changed);
        return success;
    }
}
