namespace Shazamazon.QA.Core.Model;

/// <summary>What a creating write made, and the product change it caused.</summary>
/// <param name="Value">The created item.</param>
/// <param name="Change">The product change.</param>
public sealed record Written<T>(T Value, ProductChange Change);
