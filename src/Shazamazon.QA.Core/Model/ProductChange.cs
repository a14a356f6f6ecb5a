namespace Shazamazon.QA.Core.Model;

/// <summary>
/// A product's version after a change: what every tier needs to evict its older copies. Its text form, shared by
/// Redis pub/sub and the <c>X-Qa-Version</c> header, is <see cref="InvalidationMessage"/>'s.
/// </summary>
/// <param name="ProductId">The product whose Q&amp;A changed.</param>
/// <param name="Version">Its version after the change.</param>
public readonly record struct ProductChange(long ProductId, long Version);
