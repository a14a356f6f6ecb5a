namespace Shazamazon.QA.Core.Validation;

/// <summary>Validation failures keyed by the name of the offending field, as problem details report them.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no field failed.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Records one failure of <paramref name="field"/>.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>The failures in the shape of <c>ValidationProblemDetails.Errors</c>.</summary>
    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>One sentence naming every failed field, for the problem's <c>detail</c>.</summary>
    public string Summary() => string.Join(" ", _errors.SelectMany(e => e.Value));
}
