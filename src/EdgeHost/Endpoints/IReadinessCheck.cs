namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary>A dependency of the host beyond Core's (the origin cluster): <c>ok</c> or why not.</summary>
internal interface IReadinessCheck
{
    string Name { get; }

    Task<string> CheckAsync(CancellationToken cancellationToken);
}
