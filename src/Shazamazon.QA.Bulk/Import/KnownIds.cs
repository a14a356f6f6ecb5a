using System.Collections;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// The ids accepted so far from one file of an import into empty tables, so that a repeated id or a missing parent
/// is found as the row is read. A bit per id up to the highest id seen below 2^31 (10 million ids: 1.2 MB; the most:
/// 256 MB), a hash set above that.
/// </summary>
internal sealed class KnownIds
{
    private const long MaxBitId = int.MaxValue - 1L;
    private BitArray _bits = new(1 << 16);
    private HashSet<long>? _large;

    /// <summary>Adds <paramref name="id"/>; false when it was known already.</summary>
    public bool Add(long id)
    {
        if (id > MaxBitId)
        {
            return (_large ??= []).Add(id);
        }

        var index = (int)id;
        if (index >= _bits.Length)
        {
            _bits.Length = (int)Math.Min(int.MaxValue, Math.Max(index + 1L, 2L * _bits.Length));
        }

        if (_bits[index])
        {
            return false;
        }

        _bits[index] = true;
        return true;
    }

    public bool Contains(long id) => id > MaxBitId ? _large?.Contains(id) == true : id < _bits.Length && _bits[(int)id];
}
