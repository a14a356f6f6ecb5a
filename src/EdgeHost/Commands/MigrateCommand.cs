using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary><c>EdgeHost migrate</c>: applies pending schema migrations and exits.</summary>
internal sealed class MigrateCommand(string[] configurationArgs) : HostCommand(configurationArgs)
{
    public override async Task<int> RunAsync()
    {
        using var host = BuildHost();
        var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        Console.WriteLine(applied.Count == 0 ? "Schema is up to date." : $"Applied migrations: {string.Join(", ", applied)}.");
        return 0;
    }
}
