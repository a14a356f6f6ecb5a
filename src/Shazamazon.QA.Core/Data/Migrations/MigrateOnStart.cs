using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Data.Migrations;

/// <summary>Applies pending migrations during start-up when <c>Qa:Database:MigrateOnStart</c> is true.</summary>
internal sealed class MigrateOnStart(IOptions<DatabaseOptions> options, DatabaseMigrator migrator) : IHostedService
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
