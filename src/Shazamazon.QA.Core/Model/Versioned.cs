namespace Shazamazon.QA.Core.Model;

/// <summary>A value read from a source, with the product and product version it reflects.</summary>
/// <param name="ProductId">The product the value belongs to.</param>
/// <param name="Version">The product's version when the value was read (never newer than the value).</param>
/// <param name="Value">The value.</param>
/// <param name="Age">How old the value already was when the source gave it (an origin's cached answer); zero when fresh.</param>
public sealed record Versioned<T>(long ProductId, long Version, T Value, TimeSpan Age = default);
