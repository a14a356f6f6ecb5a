using System.Diagnostics;
using Shazamazon.QA.Testing;
using StackExchange.Redis;

namespace Shazamazon.QA.EdgeHost.Tests.Fixtures;

/// <summary>
/// Every way the tests run Redis keeps the fixture's promises: it answers on loopback, a stop closes it, a restart
/// brings it back empty on the same port, and a sleep makes it slow. The local process is checked on every run; the
/// Testcontainers container also when the run uses Docker (QA_TEST_DOCKER=1, as CI does).
/// </summary>
public sealed class RedisServerTests
{
    public static TheoryData<string> Kinds => RedisServer.UsesDocker ? new() { "process", "container" } : new() { "process" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AServer_AnswersStopsRestartsEmptyAndSleeps(string kind)
    {
        await using IRedisServer server = kind == "container" ? await RedisContainer.StartAsync() : await RedisProcess.StartAsync();
        Assert.StartsWith("127.0.0.1:", server.ConnectionString, StringComparison.Ordinal);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString))
        {
            await redis.GetDatabase().StringSetAsync("kept", "until the crash");
            Assert.Equal("until the crash", (string?)await redis.GetDatabase().StringGetAsync("kept"));
        }

        await server.StopAsync();
        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},connectTimeout=500,abortConnect=true"));

        await server.RestartAsync();
        await using (var redis = await ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},syncTimeout=5000,asyncTimeout=5000"))
        {
            Assert.True((await redis.GetDatabase().StringGetAsync("kept")).IsNull);

            await server.SleepAsync(TimeSpan.FromSeconds(1));
            var clock = Stopwatch.StartNew();
            await redis.GetDatabase().PingAsync();
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.8), $"PING answered in {clock.Elapsed.TotalSeconds:F2} s during a 1 s sleep");
        }
    }
}
