using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.Core.Tests;

/// <summary>The Core services as a host would build them, filled from one database.</summary>
internal static class CoreServices
{
    public static async Task<ServiceProvider> CreateAsync(string postgres, bool migrate = true, TimeProvider? clock = null)
    {
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddQaCore(new ConfigurationBuilder().Build()).AddPostgresSource(postgres);
        var provider = services.BuildServiceProvider();
        if (migrate)
        {
            await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }

        return provider;
    }
}
