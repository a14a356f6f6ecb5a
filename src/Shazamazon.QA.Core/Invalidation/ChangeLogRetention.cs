namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// When the rows of the change log (migration 0010) may go: a row is read by every node at its first poll after its
/// transaction ends, so once <see cref="Retention"/> has passed since a snapshot, every transaction below that
/// snapshot's xmin ended at least that long ago and every connected node has read its rows. A node that was cut off
/// longer flushes when it is back, and needs none of them. Each node prunes by its own record; the nodes' deletes of
/// the same rows are harmless.
/// </summary>
internal sealed class ChangeLogRetention(TimeProvider clock)
{
    /// <summary>How long the log keeps a row after its transaction ended, at least.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);

    private (DateTimeOffset At, long Xmin)? _mark;

    /// <summary>
    /// Records the <paramref name="xmin"/> of a snapshot just taken (the oldest transaction then running, or the next to
    /// start). Returns the transaction id below which rows may now be deleted, once <see cref="Retention"/> has passed
    /// since the xmin recorded last time; null until then.
    /// </summary>
    public long? Observe(long xmin)
    {
        var now = clock.GetUtcNow();
        if (_mark is not { } mark)
        {
            _mark = (now, xmin);
            return null;
        }

        if (now - mark.At < Retention)
        {
            return null;
        }

        _mark = (now, xmin);
        return Math.Min(mark.Xmin, xmin); // never above the present: the database may have gone back meanwhile
    }
}
