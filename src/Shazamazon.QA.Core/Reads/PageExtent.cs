using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// What a filled page told about its whole list: the page with its items removed (the product's name and totals), the
/// version it was read at and when. <see cref="PageExtents"/> answers pages past the end from it.
/// </summary>
internal sealed record PageExtent<TPage>(Versioned<TPage> Template, long ReadAtUnixMs);
