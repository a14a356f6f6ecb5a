using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.EdgeHost;

/// <summary>Options of section <c>Qa:Database</c>.</summary>
public sealed class DatabaseStartupOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Database";

    /// <summary>Apply pending migrations before the host starts serving. Default false (run <c>EdgeHost migrate</c>).</summary>
    public bool MigrateOnStart { get; set; }
}

/// <summary>Applies pending migrations during start-up when <c>Qa:Database:MigrateOnStart</c> is true.</summary>
internal sealed class MigrateOnStart(IOptions<DatabaseStartupOptions> options, DatabaseMigrator migrator) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
