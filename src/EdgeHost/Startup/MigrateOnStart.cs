using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.EdgeHost.Startup;

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
