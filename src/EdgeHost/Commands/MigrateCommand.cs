using System.CommandLine;
using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary><c>EdgeHost migrate</c>: applies pending schema migrations and exits.</summary>
internal static class MigrateCommand
{
    public static Command Create(string[] configuration)
    {
        var command = new Command("migrate", "Apply pending schema migrations to PostgreSQL, then exit.");
        command.SetAction((_, cancellationToken) => CommandHost.RunAsync(configuration, async services =>
        {
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            Console.WriteLine(applied.Count == 0 ? "Schema is up to date." : $"Applied migrations: {string.Join(", ", applied)}.");
            return 0;
        }));
        return command;
    }
}
