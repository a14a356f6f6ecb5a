namespace Shazamazon.QA.Contracts;

/// <summary>What a moderator acts on: the queue of questions, or of answers.</summary>
public enum ModerationKind
{
    /// <summary>Questions (<c>kind=question</c>).</summary>
    Question,

    /// <summary>Answers (<c>kind=answer</c>).</summary>
    Answer,
}
