using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Core.Sources;
using Shazamazon.QA.Testing;
using StackExchange.Redis;

namespace Shazamazon.QA.Core.Tests.Reads;

/// <summary>
/// Redis as the long-lived tier, on a real Redis and a fake clock shared by two nodes: an entry stays current there past
/// its TTL until its product changes, so a node revalidates it against the product's mark instead of reading the
/// source; a change, a lost mark or a flush makes it a miss.
/// </summary>
public sealed class QaReaderL2Tests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ScriptedSource _source = new();
    private readonly long _product = Random.Shared.NextInt64(1_000_000_000, 2_000_000_000); // apart from other runs on a shared Redis
    private readonly List<ServiceProvider> _nodes = [];
    private IRedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task PastItsTtl_AnUnchangedProductsEntry_IsServedFromRedis_WithoutTheSource_AndItsAgeStartsOver()
    {
        var first = Node();
        Assert.Equal(CacheOutcome.Miss, (await first.QuestionCountAsync(_product)).Outcome);
        _clock.Advance(TimeSpan.FromHours(3)); // past the TTL, the stale window and the fail-safe window

        var read = await Node().QuestionCountAsync(_product);

        Assert.Equal((CacheOutcome.HitL2, TimeSpan.Zero), (read.Outcome, read.Age));
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task PastItsTtl_OnTheNodeHoldingIt_AnEntryIsRevalidatedInRedis_NotReadAgain()
    {
        var node = Node();
        await node.QuestionCountAsync(_product);
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(CacheOutcome.Stale, (await node.QuestionCountAsync(_product)).Outcome); // served at once while revalidated

        await Eventually.TrueAsync(async () => (await node.QuestionCountAsync(_product)).Age == TimeSpan.Zero, "the revalidated entry is served");
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task AChange_SupersedesTheLongLivedEntry_OnEveryNode()
    {
        var writer = NodeServices();
        await writer.GetRequiredService<IQaReader>().QuestionCountAsync(_product);
        await writer.GetRequiredService<IQaInvalidator>().ProductChangedAsync(new ProductChange(_product, 2));
        _source.Version = 2;
        _clock.Advance(TimeSpan.FromMinutes(10));

        var read = await Node().QuestionCountAsync(_product);

        Assert.Equal((CacheOutcome.Miss, 2L), (read.Outcome, read.Response.Version));
        Assert.Equal(2, _source.Calls);
    }

    [Fact]
    public async Task AnEntryWhoseMarkIsGone_IsAMiss_NeverCurrentAgain()
    {
        await Node().QuestionCountAsync(_product);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString))
        {
            Assert.True(await redis.GetDatabase().KeyDeleteAsync(CacheKeys.ProductMark(_product))); // as memory eviction would
        }

        var read = await Node().QuestionCountAsync(_product);

        Assert.Equal(CacheOutcome.Miss, read.Outcome);
        Assert.Equal(2, _source.Calls);
        Assert.Equal(CacheOutcome.HitL2, (await Node().QuestionCountAsync(_product)).Outcome); // the fill set a new mark
    }

    [Fact]
    public async Task AnEntryRenderedBeforeAFlush_IsNotRevalidated()
    {
        await Node().QuestionCountAsync(_product);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var later = NodeServices();
        later.GetRequiredService<ProductVersions>().FlushedAt(_clock.GetUtcNow().ToUnixTimeMilliseconds()); // as learnt from Redis at start
        _clock.Advance(TimeSpan.FromSeconds(1));

        var read = await later.GetRequiredService<IQaReader>().QuestionCountAsync(_product);

        Assert.Equal(CacheOutcome.Miss, read.Outcome);
        Assert.Equal(2, _source.Calls);
    }

    private IQaReader Node() => NodeServices().GetRequiredService<IQaReader>();

    private ServiceProvider NodeServices()
    {
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Critical))
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IQaSource>(_source); // registered first: the core's TryAdd keeps it
        services.AddQaCore(new ConfigurationBuilder().Build()).AddRedisL2(_redis.ConnectionString);
        var provider = services.BuildServiceProvider();
        _nodes.Add(provider);
        return provider;
    }
}
