using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.Bulk.Tests;

/// <summary>The bulk tools as EdgeHost's commands build them, over one migrated database.</summary>
internal static class BulkServices
{
    public static async Task<ServiceProvider> CreateAsync(string postgres)
    {
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddQaBulk();
        services.AddQaCore(new ConfigurationBuilder().Build()).AddPostgresSource(postgres);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return provider;
    }
}
