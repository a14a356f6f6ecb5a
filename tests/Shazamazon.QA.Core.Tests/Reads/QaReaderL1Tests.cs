using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Core.Tests.Reads;

/// <summary>Pins the HybridCache fact the hot path relies on: a sealed, [ImmutableObject] entry is kept as an instance in L1.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class QaReaderL1Tests(DatabaseFixture fixture)
{
    [Fact]
    public async Task L1Hit_ReturnsTheSameInstance_NeverADeserializedCopy()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var services = await CoreServices.CreateAsync(database);
        await using (var dataSource = NpgsqlDataSource.Create(database))
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO products (id, name, category) VALUES (1, 'Kettle', 'kitchen');
            INSERT INTO questions (product_id, body, asker_name, asker_email) VALUES (1, 'Does it whistle?', 'ann', 'ann@example.com')
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var reader = services.GetRequiredService<IQaReader>();
        var query = new QuestionPageQuery(1, 1, 5, QuestionSort.Helpful);

        var first = await reader.QuestionPageAsync(query);
        var second = await reader.QuestionPageAsync(query);

        Assert.Same(first.Response, second.Response);
        Assert.Equal((CacheOutcome.Miss, CacheOutcome.HitL1), (first.Outcome, second.Outcome));
        Assert.Equal(TimeSpan.FromMinutes(1), second.MaxAge);
        Assert.Equal(200, second.Response.StatusCode);
    }
}
