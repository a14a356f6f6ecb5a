namespace Shazamazon.QA.Client;

/// <summary>Which way a vote moves an item's helpfulness.</summary>
public enum VoteDirection
{
    /// <summary>Helpful: +1.</summary>
    Up,

    /// <summary>Not helpful: -1.</summary>
    Down,
}
