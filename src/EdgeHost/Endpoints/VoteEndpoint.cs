using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary>The one shape of both vote routes: validate the id and <c>{ "direction" }</c>, vote, answer 204 or 404.</summary>
internal static class VoteEndpoint
{
    public static async Task<IResult> HandleAsync(string rawId, string field, string noun, HttpRequest request,
        Func<long, int, CancellationToken, Task<bool>> vote, CancellationToken cancellationToken)
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
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await vote(id, step, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound($"{noun} {id} does not exist.");
    }
}
