namespace Shazamazon.QA.Core.Writes;

/// <summary>When new questions and answers become visible.</summary>
public enum ModerationMode
{
    /// <summary>At once (<c>approved</c>); reports send them back to moderators.</summary>
    Post,

    /// <summary>Once a moderator approves them (<c>pending</c> until then).</summary>
    Pre,
}
