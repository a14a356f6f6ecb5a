using Microsoft.Extensions.DependencyInjection;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Core.Seeding;

namespace Shazamazon.QA.Core.Tests.Caching;

/// <summary>Pins the HybridCache fact the hot path relies on: a sealed, [ImmutableObject] entry is kept as an instance in L1.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class QaReaderL1Tests(DatabaseFixture fixture)
{
    [Fact]
    public async Task L1Hit_ReturnsTheSameInstance_NeverADeserializedCopy()
    {
        await using var services = await CoreServices.CreateAsync(await fixture.Server.CreateDatabaseAsync());
        await services.GetRequiredService<DataSeeder>().SeedAsync(new SeedOptions { Products = 50 });
        var reader = services.GetRequiredService<QaReader>();
        var query = new QuestionPageQuery(1, 1, 5, QuestionSort.Helpful);

        var first = await reader.QuestionPageAsync(query);
        var second = await reader.QuestionPageAsync(query);

        Assert.Same(first.Response, second.Response);
        Assert.Equal((CacheOutcome.Miss, CacheOutcome.HitL1), (first.Outcome, second.Outcome));
        Assert.Equal(TimeSpan.FromMinutes(1), second.MaxAge);
    }
}
