namespace Shazamazon.QA.Core.Validation;

/// <summary>Validation failures keyed by the name of the offending field, as problem details report them.</summary>
public sealed class FieldErrors
{
    // Made at the first failure: a valid request (nearly all of them) allocates no dictionary.
    private Dictionary<string, List<string>>? _errors;

    /// <summary>True when no field failed.</summary>
    public bool IsEmpty => _errors is null;

    /// <summary>Records one failure of <paramref name="field"/>.</summary>
    public void Add(string field, string message)
    {
        _errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>The failures in the shape of <c>ValidationProblemDetails.Errors</c>.</summary>
    public IDictionary<string, string[]> ToDictionary() => (_errors ?? []).ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>One sentence naming every failed field, for the problem's <c>detail</c>.</summary>
    public string Summary() => string.Join(" ", (_errors ?? []).SelectMany(e => e.Value));
}
