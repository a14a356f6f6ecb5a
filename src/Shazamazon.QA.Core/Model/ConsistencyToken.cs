using System.Globalization;

namespace Shazamazon.QA.Core.Model;

/// <summary>
/// What a client has already seen written: for each product it wrote to recently, the product's version after its
/// write (<see cref="ProductChange"/>). A read carrying a token is never answered with data older than it on any node:
/// an entry below the token's version is refilled from the source, and the source is asked for that version or newer.
/// Its text form is <c>"&lt;product&gt;:&lt;version&gt;"</c> (the <c>X-Qa-Version</c> of a write), several joined by
/// <c>|</c> (a cookie remembers the last <see cref="MaxProducts"/> products written to).
/// </summary>
public readonly struct ConsistencyToken : IEquatable<ConsistencyToken>
{
    /// <summary>The most products one token remembers; writing to another forgets the oldest.</summary>
    public const int MaxProducts = 8;

    private const char Separator = '|';
    private readonly ProductChange[]? _changes;

    private ConsistencyToken(ProductChange[] changes) => _changes = changes;

    /// <summary>No requirement: any cached answer will do.</summary>
    public static ConsistencyToken None => default;

    /// <summary>True when the token requires nothing.</summary>
    public bool IsEmpty => _changes is null || _changes.Length == 0;

    /// <summary>The products and versions the token requires, oldest write first.</summary>
    public IReadOnlyList<ProductChange> Changes => _changes ?? [];

    /// <summary>A token requiring <paramref name="change"/>'s version of its product.</summary>
    public static ConsistencyToken Of(ProductChange change) => new([change]);

    /// <summary>The lowest version of <paramref name="productId"/> a read carrying this token may be answered with; 0 when any.</summary>
    public long MinimumVersion(long productId)
    {
        foreach (var change in _changes ?? [])
        {
            if (change.ProductId == productId)
            {
                return change.Version;
            }
        }

        return 0;
    }

    /// <summary>This token, also requiring <paramref name="change"/> (raised, never lowered); the oldest product is dropped past <see cref="MaxProducts"/>.</summary>
    public ConsistencyToken With(ProductChange change)
    {
        var kept = (_changes ?? []).Where(c => c.ProductId != change.ProductId).ToList();
        var version = Math.Max(change.Version, MinimumVersion(change.ProductId));
        kept.Add(change with { Version = version });
        return new ConsistencyToken([.. kept.TakeLast(MaxProducts)]);
    }

    /// <summary>This token and <paramref name="other"/> together: the higher version of each product.</summary>
    public ConsistencyToken With(ConsistencyToken other)
    {
        var merged = this;
        foreach (var change in other.Changes)
        {
            merged = merged.With(change);
        }

        return merged;
    }

    /// <summary>
    /// Reads a token's text form. False for anything else (a part that is not <c>product:version</c> with positive
    /// numbers, or more than <see cref="MaxProducts"/> parts), so a malformed token is refused, never half-applied.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ConsistencyToken token)
    {
        token = None;
        if (text.IsEmpty)
        {
            return false;
        }

        var changes = new List<ProductChange>();
        foreach (var range in text.Split(Separator))
        {
            var part = text[range];
            var colon = part.IndexOf(':');
            if (changes.Count == MaxProducts || colon <= 0
                || !long.TryParse(part[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var product) || product <= 0
                || !long.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
            {
                return false;
            }

            changes.Add(new ProductChange(product, version));
        }

        foreach (var change in changes)
        {
            token = token.With(change);
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(Separator, Changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.ProductId}:{c.Version}")));

    /// <inheritdoc />
    public bool Equals(ConsistencyToken other) => Changes.SequenceEqual(other.Changes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ConsistencyToken other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Changes.Aggregate(0, (hash, change) => HashCode.Combine(hash, change));

    /// <summary>Equal when both require the same versions in the same order.</summary>
    public static bool operator ==(ConsistencyToken left, ConsistencyToken right) => left.Equals(right);

    /// <summary>Not <see cref="op_Equality"/>.</summary>
    public static bool operator !=(ConsistencyToken left, ConsistencyToken right) => !left.Equals(right);
}
