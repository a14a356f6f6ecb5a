namespace Shazamazon.QA.EdgeHost.Management;

/// <summary>Options of section <c>Qa:Management</c>.</summary>
public sealed class ManagementOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Management";

    /// <summary>
    /// A second address Kestrel listens on, e.g. <c>http://127.0.0.1:5089</c> or <c>http://10.0.2.5:5089</c> on an
    /// operators' network: then <c>/metrics</c> and <c>/admin</c> answer there only, and 404 on the public address
    /// (<c>Urls</c>). Health (<c>/healthz</c>, <c>/readyz</c>) answers on both. Unset (the default): everything on
    /// <c>Urls</c>.
    /// </summary>
    public Uri? Url { get; set; }
}
