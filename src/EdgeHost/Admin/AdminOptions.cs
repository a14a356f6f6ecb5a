namespace Shazamazon.QA.EdgeHost.Admin;

/// <summary>Options of section <c>Qa:Admin</c>.</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Admin";

    /// <summary>
    /// The key the admin endpoints require in the <c>X-Api-Key</c> header; at least 16 characters. Unset (the default):
    /// the admin endpoints do not exist (404).
    /// </summary>
    public string? ApiKey { get; set; }
}
