using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.Core.Tests;

/// <summary>The Core services as a host would build them, over one database and optionally Redis.</summary>
internal static class CoreServices
{
    public static async Task<ServiceProvider> CreateAsync(string postgres, string? redis = null, bool migrate = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Redis"] = redis,
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddQaCore(configuration).BuildServiceProvider();
        if (migrate)
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }

        return services;
    }
}
