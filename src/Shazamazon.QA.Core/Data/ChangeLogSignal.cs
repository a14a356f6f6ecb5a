namespace Shazamazon.QA.Core.Data;

/// <summary>
/// Raised when this node reads new rows from the database's change log (migration 0010), so that work waiting for
/// changes (the webhook dispatcher: every event is written with a change) wakes at once instead of at its next poll.
/// </summary>
internal sealed class ChangeLogSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes at the first <see cref="Raise"/> after it was read. Read it before looking at the data, then wait on
    /// it: a change read meanwhile has already completed it, so none is missed.
    /// </summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>New changes were read: wakes whoever waits on <see cref="Next"/>.</summary>
    public void Raise() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
