namespace Shazamazon.QA.EdgeHost.Management;

/// <summary>The port of the management address; as endpoint metadata (<see cref="Marker"/>), it marks the endpoints served only there.</summary>
internal sealed record ManagementPort(int Port)
{
    public static ManagementPort Marker { get; } = new(0);
}
