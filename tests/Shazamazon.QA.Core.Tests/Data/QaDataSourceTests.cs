using Npgsql;
using Shazamazon.QA.Core.Data;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Core.Tests.Data;

[Collection(DatabaseCollection.Name)]
public sealed class QaDataSourceTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Create_PreparesStatementsAndKeepsGenericPlans_WhenTheConnectionStringLeavesThemUnset()
    {
        await using var dataSource = QaDataSource.Create(await fixture.Server.CreateDatabaseAsync());

        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Assert.Equal(32, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("QaEdge", settings.ApplicationName);
        Assert.Equal(QaDataSource.ConnectTimeoutSeconds, settings.Timeout);
        Assert.Equal("force_generic_plan", await ShowAsync(dataSource, "plan_cache_mode"));
    }

    [Fact]
    public async Task Create_KeepsWhatTheConnectionStringSets()
    {
        var given = new NpgsqlConnectionStringBuilder(await fixture.Server.CreateDatabaseAsync())
        {
            MaxAutoPrepare = 0,
            NoResetOnClose = false,
            ApplicationName = "ops",
            Timeout = 20,
            Options = "-c plan_cache_mode=auto -c statement_timeout=5000",
        };

        await using var dataSource = QaDataSource.Create(given.ConnectionString);

        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.False(settings.NoResetOnClose);
        Assert.Equal("ops", settings.ApplicationName);
        Assert.Equal(20, settings.Timeout);
        Assert.Equal("auto", await ShowAsync(dataSource, "plan_cache_mode"));
        Assert.Equal("5s", await ShowAsync(dataSource, "statement_timeout"));
    }

    [Fact]
    public async Task Create_AddsGenericPlansToOtherOptions()
    {
        var given = new NpgsqlConnectionStringBuilder(await fixture.Server.CreateDatabaseAsync()) { Options = "-c statement_timeout=7000" };

        await using var dataSource = QaDataSource.Create(given.ConnectionString);

        Assert.Equal("force_generic_plan", await ShowAsync(dataSource, "plan_cache_mode"));
        Assert.Equal("7s", await ShowAsync(dataSource, "statement_timeout"));
    }

    private static async Task<string?> ShowAsync(NpgsqlDataSource dataSource, string setting)
    {
        await using var command = dataSource.CreateCommand($"SHOW {setting}");
        return (string?)await command.ExecuteScalarAsync();
    }
}
