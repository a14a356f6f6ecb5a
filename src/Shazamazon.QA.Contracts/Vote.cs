using System.Text.Json.Serialization;
using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>The body of the vote routes: <c>{ "direction": "up" | "down", "voter": "..." }</c>.</summary>
[MessagePackObject]
public sealed record Vote
{
    /// <summary>A vote.</summary>
    /// <param name="Direction"><c>up</c> or <c>down</c>.</param>
    /// <param name="Voter">Who votes; see <see cref="Voter"/>.</param>
    /// <remarks>The parameters are named as the properties, as in version 1.0's positional record.</remarks>
    [JsonConstructor]
    [SerializationConstructor]
    public Vote(string? Direction, string? Voter)
    {
        this.Direction = Direction;
        this.Voter = Voter;
    }

    /// <summary>A vote naming no voter (the shape of version 1.0, kept for code built against it).</summary>
    /// <param name="Direction"><c>up</c> or <c>down</c>.</param>
    public Vote(string? Direction)
        : this(Direction, null)
    {
    }

    /// <summary><c>up</c> or <c>down</c>.</summary>
    [Key("direction")]
    public string? Direction { get; init; }

    /// <summary>
    /// Who votes (1 to 64 printable characters, opaque to the edge): one vote per voter per item. Null: the edge uses the
    /// browser's <c>qa_voter</c> cookie, setting one when there is none.
    /// </summary>
    [Key("voter")]
    public string? Voter { get; init; }

    /// <summary>The direction alone (the shape of version 1.0, kept for code built against it).</summary>
    /// <param name="Direction">The direction.</param>
    public void Deconstruct(out string? Direction) => Direction = this.Direction;

    /// <summary>The direction and the voter.</summary>
    /// <param name="Direction">The direction.</param>
    /// <param name="Voter">The voter.</param>
    public void Deconstruct(out string? Direction, out string? Voter) => (Direction, Voter) = (this.Direction, this.Voter);
}
