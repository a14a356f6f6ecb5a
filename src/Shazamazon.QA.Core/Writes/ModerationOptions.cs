namespace Shazamazon.QA.Core.Writes;

/// <summary>Options of section <c>Qa:Moderation</c>.</summary>
public sealed class ModerationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Moderation";

    /// <summary>
    /// <c>Post</c> (the default): new questions and answers are approved at once; <c>Pre</c>: they wait, pending, until
    /// a moderator approves them. Read per write.
    /// </summary>
    public ModerationMode Mode { get; set; } = ModerationMode.Post;

    /// <summary>
    /// The key the moderator routes require in the <c>X-Qa-Moderator-Key</c> header (the admin key <c>Qa:Admin:ApiKey</c>
    /// is accepted too); at least 16 characters. With neither key set, the moderator routes do not exist (404).
    /// </summary>
    public string? ModeratorKey { get; set; }
}
