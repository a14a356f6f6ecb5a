namespace Shazamazon.QA.Core.Writes;

/// <summary>
/// PostgreSQL refused a write for what it holds, not for being unavailable: a count that would leave its range, a row
/// that went away meanwhile. The write changed nothing; the caller gets a 400 or 409 naming <see cref="Field"/>, never a
/// "store unavailable".
/// </summary>
public sealed class WriteRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WriteRejectedException(string field, string message, bool conflict, Exception? inner = null)
        : base(message, inner) => (Field, IsConflict) = (field, conflict);

    /// <summary>Creates the exception (for serializers and analyzers; prefer the full constructor).</summary>
    public WriteRejectedException()
        : this("body", "The write was refused.", conflict: false)
    {
    }

    /// <summary>Creates the exception (for serializers and analyzers; prefer the full constructor).</summary>
    public WriteRejectedException(string message)
        : this("body", message, conflict: false)
    {
    }

    /// <summary>Creates the exception (for serializers and analyzers; prefer the full constructor).</summary>
    public WriteRejectedException(string message, Exception inner)
        : this("body", message, conflict: false, inner)
    {
    }

    /// <summary>The field the refusal concerns, as the contract names it (e.g. <c>helpful</c>).</summary>
    public string Field { get; }

    /// <summary>True for a conflict with the stored state (409); false for a value the store cannot hold (400).</summary>
    public bool IsConflict { get; }
}
